using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Brigade.Api;
using Brigade.Security;

namespace Brigade.Identity.Domain;

/// <summary>
/// Who a new account is and what it may do from the start. Each check returns null when the value is acceptable,
/// else what is wrong in the caller's language (Korean or English, <see cref="Localized"/>): these are the messages
/// people read under the sign-up and profile forms.
/// </summary>
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
            return Localized.Text("Email is required.", "이메일을 입력해 주세요.");
        }

        email = email.Trim();
        if (email.Length > MaxEmailLength)
        {
            return Localized.Text($"Email must be at most {MaxEmailLength} characters.", $"이메일은 {MaxEmailLength}자 이하여야 합니다.");
        }

        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.EndsWith('.') || email.Any(char.IsControl))
        {
            return Localized.Text("Email is not a valid address, such as name@example.com.", "name@example.com 같은 올바른 이메일 주소가 아닙니다.");
        }

        return null;
    }

    public static string? CheckName(string? name, bool required)
    {
        if (name is null)
        {
            return required ? Localized.Text("Name is required.", "이름을 입력해 주세요.") : null;
        }

        name = name.Trim();
        if (name.Length == 0)
        {
            return Localized.Text("Name must not be empty.", "이름은 비워 둘 수 없습니다.");
        }

        if (name.Length > MaxNameLength)
        {
            return Localized.Text($"Name must be at most {MaxNameLength} characters.", $"이름은 {MaxNameLength}자 이하여야 합니다.");
        }

        return name.Any(char.IsControl) ? Localized.Text("Name must not contain control characters.", "이름에는 제어 문자를 넣을 수 없습니다.") : null;
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
            : Localized.Text(
                "Username must be 2 to 32 letters (any script, such as 김민수 or minji), digits, '.', '_' or '-', starting with a letter or digit.",
                "사용자 이름은 글자(김민수, minji 등 어떤 문자든), 숫자, '.', '_', '-'로 된 2~32자이며 글자나 숫자로 시작해야 합니다.");
    }

    public static string? CheckPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }

        return PhonePattern().IsMatch(phone.Trim()) && phone.Count(char.IsAsciiDigit) is >= 6 and <= 15
            ? null
            : Localized.Text(
                "Phone must be 6 to 15 digits, optionally starting with + and grouped by spaces, dashes or parentheses.",
                "전화번호는 6~15자리 숫자여야 합니다(맨 앞의 +와 공백, -, 괄호로 묶는 것은 괜찮습니다).");
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
            return Localized.Text("Password is required.", "비밀번호를 입력해 주세요.");
        }

        if (password.Length < MinPasswordLength)
        {
            return Localized.Text($"Password must be at least {MinPasswordLength} characters.", $"비밀번호는 {MinPasswordLength}자 이상이어야 합니다.");
        }

        if (password.Length > MaxPasswordLength)
        {
            return Localized.Text($"Password must be at most {MaxPasswordLength} characters.", $"비밀번호는 {MaxPasswordLength}자 이하여야 합니다.");
        }

        var kinds = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 2)
        {
            return Localized.Text("Password must mix at least two of: lower-case letters, upper-case letters, digits, symbols.", "비밀번호에는 영문 소문자, 영문 대문자, 숫자, 기호 중 두 가지 이상을 섞어 주세요.");
        }

        if (password.Distinct().Count() < 4)
        {
            return Localized.Text("Password must not repeat the same few characters.", "같은 몇 글자만 되풀이한 비밀번호는 쓸 수 없습니다.");
        }

        return DominatedBy(password, [email, email?.Split('@')[0], username])
            ? Localized.Text("Password must not be mostly your email address or username (alone or with only digits or symbols added).",
                "비밀번호가 이메일 주소나 사용자 이름 위주여서는 안 됩니다(그대로 쓰거나 숫자·기호만 덧붙인 것 포함).")
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
            return Localized.Text("Give at least one role.", "역할을 하나 이상 지정해 주세요.");
        }

        var unknown = roles.Where(r => r is null || !Roles.UserRoles.Contains(r)).ToList();
        return unknown.Count == 0
            ? null
            : Localized.Text(
                $"Unknown role(s): {string.Join(", ", unknown.Select(r => r ?? "null"))}. Roles are {string.Join(", ", Roles.UserRoles)}.",
                $"알 수 없는 역할: {string.Join(", ", unknown.Select(r => r ?? "null"))}. 역할은 {string.Join(", ", Roles.UserRoles)} 중에서 고릅니다.");
    }

    public static string? CheckRestaurantRole(string? role) =>
        role is not null && Roles.RestaurantRoles.Contains(role) ? null : Localized.Text("Role must be owner, manager or staff.", "역할은 owner, manager, staff 중 하나여야 합니다.");

    /// <summary>The account types a person may choose when signing up, for the message that names them.</summary>
    public static string? CheckAccountType(string? accountType) => RolesFor(accountType) is null
        ? Localized.Text("accountType must be diner, business or worker.", "accountType은(는) diner, business, worker 중 하나여야 합니다.")
        : null;

    /// <summary>Records what <paramref name="problem"/> says is wrong with <paramref name="field"/>, if anything (one of the checks above).</summary>
    public static FieldErrors Check(this FieldErrors errors, string field, string? problem) => problem is null ? errors : errors.Add(field, problem);

    /// <summary>What a deleted account keeps: nothing that identifies the person.</summary>
    public static (string Email, string Name) Anonymised(Guid userId) =>
        ($"deleted-{userId.ToString("N", CultureInfo.InvariantCulture)}@deleted.invalid", "Deleted user");

    [GeneratedRegex(@"^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}._-]{1,31}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,24}$")]
    private static partial Regex PhonePattern();
}
