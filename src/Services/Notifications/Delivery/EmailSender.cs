using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications.Delivery;

/// <summary>
/// Email over SMTP with <see cref="SmtpClient"/>, or, when <c>Notifications:Email:PickupDirectory</c> is set, as
/// <c>.eml</c> files in that directory (local runs: <c>.brigade/mail</c>), written 8-bit so links read as they are.
/// </summary>
public sealed class EmailSender(IOptions<NotificationsOptions> options) : IChannelSender
{
    public string Channel => Channels.Email;

    public string? PickupDirectory => options.Value.Email.PickupDirectory is { Length: > 0 } dir ? Path.GetFullPath(dir) : null;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken ct)
    {
        var settings = options.Value.Email;
        MailAddress to;
        try
        {
            to = new MailAddress(delivery.Recipient);
        }
        catch (FormatException e)
        {
            throw new DeliveryFailedException($"'{delivery.Recipient}' is not an email address.", permanent: true, e);
        }

        using var message = new MailMessage(new MailAddress(settings.From), to)
        {
            Subject = delivery.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = delivery.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.Headers.Add("X-Brigade-Delivery", delivery.Id.ToString());
        message.Headers.Add("X-Brigade-Type", delivery.Type);

        // International: addresses with non-ASCII local parts (Korean names) are allowed (SMTPUTF8).
        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000, DeliveryFormat = SmtpDeliveryFormat.International };
        if (PickupDirectory is { } pickup)
        {
            Directory.CreateDirectory(pickup);
            smtp.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            smtp.PickupDirectoryLocation = pickup;
            message.BodyTransferEncoding = TransferEncoding.EightBit;
        }
        else if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new DeliveryFailedException("No SMTP server is configured (Notifications:Email:Host) and no pickup directory (Notifications:Email:PickupDirectory).", permanent: false);
        }
        else
        {
            smtp.Host = settings.Host;
            smtp.Port = settings.Port;
            smtp.EnableSsl = settings.EnableSsl;
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                smtp.Credentials = new NetworkCredential(settings.UserName, settings.Password);
            }
        }

        try
        {
            await smtp.SendMailAsync(message, ct);
        }
        catch (SmtpFailedRecipientException e) when (e.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed or SmtpStatusCode.UserNotLocalTryAlternatePath)
        {
            throw new DeliveryFailedException($"The mail server refused {delivery.Recipient}: {e.Message}", permanent: true, e);
        }
        catch (SmtpException e)
        {
            throw new DeliveryFailedException($"SMTP: {e.Message}", permanent: false, e);
        }
    }
}
