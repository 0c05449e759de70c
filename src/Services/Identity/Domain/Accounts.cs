using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Brigade.Security;

namespace Brigade.Identity.Domain;

/// <summary>Who a new account is and what it may do from the start.</summary>
public static partial class Accounts
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;

    /// <summary>Self-service account types: <c>business</c> may create restaurants, <c>worker</c> takes shifts.</summary>
    public static IReadOnlyList<string>? RolesFor(string? accountType) => (accountType ?? "diner") switch
    {
        "diner" => [Roles.Diner],
        "business" => [Roles.Owner],
        "worker" => [Roles.Worker],
        _ => null, // concierge and admin are granted by an admin only
    };

    /// <summary>How an address is compared and stored for uniqueness: trimmed, NFC, lower case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>
    /// How a username is compared and stored for uniqueness: trimmed, NFKC (so full-width "ｋｉｍ" is "kim" and
    /// decomposed Hangul is the precomposed syllable), lower case (Hangul has no case; Latin, Greek, Cyrillic do).
    /// </summary>
    public static string NormalizeUsername(string username) => username.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>A login identifier is an email when it has an <c>@</c> (usernames never do).</summary>
    public static string NormalizeLogin(string identifier) =>
        identifier.Contains('@', StringComparison.Ordinal) ? NormalizeEmail(identifier) : NormalizeUsername(identifier);

    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Email is required.";
        }

        email = email.Trim();
        if (email.Length > MaxEmailLength)
        {
            return $"Email must be at most {MaxEmailLength} characters.";
        }

        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.EndsWith('.') || email.Any(char.IsControl))
        {
            return "Email is not a valid address, such as name@example.com.";
        }

        return null;
    }

    public static string? CheckName(string? name, bool required)
    {
        if (name is null)
        {
            return required ? "Name is required." : null;
        }

        name = name.Trim();
        if (name.Length == 0)
        {
            return "Name must not be empty.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"Name must be at most {MaxNameLength} characters.";
        }

        return name.Any(char.IsControl) ? "Name must not contain control characters." : null;
    }

    public static string? CheckUsername(string? username)
    {
        if (username is null)
        {
            return null;
        }

        // Letters of any script (김민수, minji, Μαρία), so checked in NFKC, the form it is compared in.
        return UsernamePattern().IsMatch(username.Trim().Normalize(NormalizationForm.FormKC))
            ? null
            : "Username must be 2 to 32 letters (any script, such as 김민수 or minji), digits, '.', '_' or '-', starting with a letter or digit.";
    }

    public static string? CheckPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }

        return PhonePattern().IsMatch(phone.Trim()) && phone.Count(char.IsAsciiDigit) is >= 6 and <= 15
            ? null
            : "Phone must be 6 to 15 digits, optionally starting with + and grouped by spaces, dashes or parentheses.";
    }

    /// <summary>
    /// At least <see cref="MinPasswordLength"/> characters, at least two kinds of character (lower, upper,
    /// digit, other), not one repeated character, and not dominated by the email address or username (NIST
    /// SP 800-63B: refuse context-specific words and their derivatives) — see <see cref="DominatedBy"/>.
    /// </summary>
    public static string? CheckPassword(string? password, string? email, string? username)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Password is required.";
        }

        if (password.Length < MinPasswordLength)
        {
            return $"Password must be at least {MinPasswordLength} characters.";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"Password must be at most {MaxPasswordLength} characters.";
        }

        var kinds = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 2)
        {
            return "Password must mix at least two of: lower-case letters, upper-case letters, digits, symbols.";
        }

        if (password.Distinct().Count() < 4)
        {
            return "Password must not repeat the same few characters.";
        }

        return DominatedBy(password, [email, email?.Split('@')[0], username])
            ? "Password must not be mostly your email address or username (alone or with only digits or symbols added)."
            : null;
    }

    /// <summary>
    /// True when the personal words (3 characters or more, compared without case) cover a third or more of
    /// the password, or leave nothing but digits and symbols: "minji2026!" for minji, "kim@example.com1" for
    /// that address. A word that is merely part of a longer password is fine: "Kimchi-Jjigae-2026" for kim@….
    /// </summary>
    public static bool DominatedBy(string password, IEnumerable<string?> personal)
    {
        var text = password.ToLowerInvariant();
        var covered = new bool[text.Length];
        foreach (var word in personal)
        {
            var w = word?.Trim().ToLowerInvariant();
            if (w is not { Length: >= 3 })
            {
                continue;
            }

            for (var at = text.IndexOf(w, StringComparison.Ordinal); at >= 0; at = text.IndexOf(w, at + 1, StringComparison.Ordinal))
            {
                Array.Fill(covered, true, at, w.Length);
            }
        }

        var coveredCount = covered.Count(c => c);
        if (coveredCount == 0)
        {
            return false;
        }

        return coveredCount * 3 >= text.Length || !text.Where((_, i) => !covered[i]).Any(char.IsLetter);
    }

    /// <summary>Roles an admin may assign (everything but <c>service</c>, which only client credentials carry).</summary>
    public static string? CheckRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            return "Give at least one role.";
        }

        var unknown = roles.Where(r => r is null || !Roles.UserRoles.Contains(r)).ToList();
        return unknown.Count == 0
            ? null
            : $"Unknown role(s): {string.Join(", ", unknown.Select(r => r ?? "null"))}. Roles are {string.Join(", ", Roles.UserRoles)}.";
    }

    public static string? CheckRestaurantRole(string? role) =>
        role is not null && Roles.RestaurantRoles.Contains(role) ? null : "Role must be owner, manager or staff.";

    /// <summary>What a deleted account keeps: nothing that identifies the person.</summary>
    public static (string Email, string Name) Anonymised(Guid userId) =>
        ($"deleted-{userId.ToString("N", CultureInfo.InvariantCulture)}@deleted.invalid", "Deleted user");

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}._-]{1,31}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial Regex PhonePattern();
}

/// <summary>Field errors of one request, in the shape of an RFC 9457 validation problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> ToDictionary() => _errors;

    public FieldErrors Check(string field, string? error)
    {
        if (error is not null)
        {
            _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, error] : [error];
        }

        return this;
    }
}
