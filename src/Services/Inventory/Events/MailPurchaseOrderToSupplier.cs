using Brigade.Contracts.Inventory;
using Brigade.Inventory.Domain;
using Brigade.Messaging;
using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Brigade.Inventory.Events;

/// <summary>
/// A sent purchase order goes to the supplier by e-mail (inventory consumes its own <c>inventory.purchase_order.sent</c>, so
/// the mail leaves only after the order was committed, and a failure is retried without holding up the manager).
/// In a pickup directory the file is named after the order, so a redelivery rewrites it rather than mailing twice.
/// Suppliers without an e-mail address get nothing here: the order waits for the restaurant to phone it in.
/// </summary>
public sealed class MailPurchaseOrderToSupplier(IOptions<InventoryOptions> options, IConfiguration configuration, ILogger<MailPurchaseOrderToSupplier> logger)
    : IEventHandler<PurchaseOrderSent>
{
    public async Task HandleAsync(PurchaseOrderSent e, EventContext context, CancellationToken ct)
    {
        var email = await context.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT email FROM suppliers WHERE id = @SupplierId", new { e.SupplierId }, context.Transaction, cancellationToken: ct));
        if (email is null || !MailboxAddress.TryParse(email, out var to))
        {
            logger.LogInformation("Purchase order {PurchaseOrderId}: supplier {SupplierId} has no e-mail address", e.PurchaseOrderId, e.SupplierId);
            return;
        }

        var settings = options.Value;
        var (subject, body) = SupplierMail.Compose(e.PurchaseOrderId, e.SupplierName,
            e.Lines.Select(l => new SupplierMail.Line(l.Name, l.Quantity, l.Unit, l.UnitCost)).ToList(), e.Total, e.Currency, e.ExpectedAt, Brigade.Api.RestaurantTime.DefaultZoneId);
        var message = new MimeMessage { Subject = subject, Date = e.SentAt };
        message.From.Add(MailboxAddress.Parse(settings.SupplierMailFrom));
        message.To.Add(to);
        message.Headers.Add("X-Brigade-Purchase-Order", e.PurchaseOrderId.ToString());
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body };

        if (PickupDirectory(settings) is { } pickup)
        {
            Directory.CreateDirectory(pickup);
            var path = Path.Combine(pickup, $"po-{e.PurchaseOrderId:N}.eml");
            await message.WriteToAsync(path + ".tmp", ct);
            File.Move(path + ".tmp", path, overwrite: true);
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.SupplierMailHost))
        {
            logger.LogWarning("Purchase order {PurchaseOrderId} not mailed: no Inventory:SupplierMailHost or pickup directory is set", e.PurchaseOrderId);
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(settings.SupplierMailHost, settings.SupplierMailPort,
            !settings.SupplierMailSsl ? SecureSocketOptions.None : settings.SupplierMailPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls, ct);
        if (!string.IsNullOrEmpty(settings.SupplierMailUserName))
        {
            await smtp.AuthenticateAsync(settings.SupplierMailUserName, settings.SupplierMailPassword ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    private string? PickupDirectory(InventoryOptions settings) =>
        settings.SupplierMailPickupDirectory is { Length: > 0 } dir ? Path.GetFullPath(dir)
        : string.IsNullOrWhiteSpace(settings.SupplierMailHost) && configuration["Brigade:StateDirectory"] is { Length: > 0 } state ? Path.Combine(state, "mail")
        : null;
}
