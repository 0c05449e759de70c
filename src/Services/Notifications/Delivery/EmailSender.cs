using System.Net;
using System.Net.Sockets;
using System.Text;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Brigade.Notifications.Delivery;

/// <summary>
/// Email with MimeKit: a text and an HTML part, and the booking's calendar invitation as an <c>.ics</c> attachment
/// when the delivery carries one. Sent over SMTP with MailKit, or, when <c>Notifications:Email:PickupDirectory</c> is
/// set, written as <c>.eml</c> files in that directory (local runs: <c>.brigade/mail</c>): bodies 8-bit so links and Korean
/// text read as they are, headers ASCII with non-ASCII words encoded (RFC 2047).
/// </summary>
public sealed class EmailSender(IOptions<NotificationsOptions> options) : IChannelSender
{
    public string Channel => Channels.Email;

    public string? PickupDirectory => options.Value.Email.PickupDirectory is { Length: > 0 } dir ? Path.GetFullPath(dir) : null;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken ct)
    {
        var settings = options.Value.Email;
        if (!MailboxAddress.TryParse(settings.From, out var from))
        {
            throw new DeliveryFailedException($"Notifications:Email:From '{settings.From}' is not an email address.", permanent: false);
        }

        // International: addresses with non-ASCII local parts (Korean names) are allowed (SMTPUTF8).
        if (!MailboxAddress.TryParse(ParserOptions.Default, delivery.Recipient, out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            throw new DeliveryFailedException($"'{delivery.Recipient}' is not an email address.", permanent: true);
        }

        var message = Compose(delivery, from, to, DateTimeOffset.UtcNow);
        if (PickupDirectory is { } pickup)
        {
            Directory.CreateDirectory(pickup);
            var path = Path.Combine(pickup, $"{delivery.Id:N}.eml");
            var temporary = path + ".tmp";
            // Headers as a mail server would pass them on without SMTPUTF8: non-ASCII text (a Korean subject or name)
            // encoded as RFC 2047 words, never raw bytes; the 8-bit bodies stay readable as they are.
            await message.WriteToAsync(new FormatOptions { International = false, NewLineFormat = NewLineFormat.Dos }, temporary, ct);
            File.Move(temporary, path, overwrite: true); // readers never see half a message
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new DeliveryFailedException("No SMTP server is configured (Notifications:Email:Host) and no pickup directory (Notifications:Email:PickupDirectory).", permanent: false);
        }

        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            var security = !settings.EnableSsl ? SecureSocketOptions.None
                : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(settings.Host, settings.Port, security, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }

            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e) when (e.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed or SmtpStatusCode.UserNotLocalTryAlternatePath)
        {
            throw new DeliveryFailedException($"The mail server refused {delivery.Recipient}: {e.Message}", permanent: true, e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or ServiceNotConnectedException
                                      or SocketException or IOException or SslHandshakeException)
        {
            throw new DeliveryFailedException($"SMTP: {e.Message}", permanent: false, e);
        }
    }

    /// <summary>The message as it is sent or written: text and HTML alternatives, plus the invitation when there is one.</summary>
    public MimeMessage Compose(DeliveryRow delivery, MailboxAddress from, MailboxAddress to, DateTimeOffset now)
    {
        var message = new MimeMessage { Subject = delivery.Subject, Date = now };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("X-Brigade-Delivery", delivery.Id.ToString());
        message.Headers.Add("X-Brigade-Type", delivery.Type);

        var eightBit = PickupDirectory is not null ? ContentEncoding.EightBit : ContentEncoding.Default;
        var alternatives = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = delivery.Body, ContentTransferEncoding = eightBit },
            new TextPart(TextFormat.Html) { Text = EmailHtml.FromText(delivery.Subject, delivery.Body), ContentTransferEncoding = eightBit },
        };
        if (delivery.ReadInvitation() is not { } invitation)
        {
            message.Body = alternatives;
            return message;
        }

        // The event as the third alternative (calendars that read the message itself) and as an attachment (the rest).
        var calendar = invitation.ToICalendar(from.Address, to.Address, now);
        alternatives.Add(CalendarPart(calendar, invitation.Method, attachment: false, eightBit));
        message.Body = new Multipart("mixed") { alternatives, CalendarPart(calendar, invitation.Method, attachment: true, eightBit) };
        return message;
    }

    private static MimePart CalendarPart(string calendar, string method, bool attachment, ContentEncoding encoding)
    {
        var part = new TextPart("calendar") { Text = calendar, ContentTransferEncoding = encoding };
        part.ContentType.Charset = "utf-8";
        part.ContentType.Parameters.Add("method", method);
        if (attachment)
        {
            part.ContentType.Name = "reservation.ics";
            part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "reservation.ics" };
        }

        return part;
    }
}

/// <summary>The HTML alternative of a plain-text email: escaped, paragraphs kept, links clickable.</summary>
public static class EmailHtml
{
    public static string FromText(string title, string text)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5\">\n");
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>\n");
                }

                html.AppendJoin(' ', lines[i].Split(' ').Select(Word));
            }

            html.Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Word(string word) =>
        Uri.TryCreate(word, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<a href=\"{WebUtility.HtmlEncode(word)}\">{WebUtility.HtmlEncode(word)}</a>"
            : WebUtility.HtmlEncode(word);
}
