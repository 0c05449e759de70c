using Microsoft.Extensions.Options;

namespace Brigade.Payments.Processing;

/// <summary>The money settings the endpoints apply (fees, withdrawal limits), read once from <see cref="PaymentsOptions"/>.</summary>
public sealed class PaymentRules(IOptions<PaymentsOptions> options)
{
    public int PaymentFeeBasisPoints { get; } = options.Value.PaymentFeeBasisPoints;

    public long PayoutFee { get; } = options.Value.PayoutFee;

    public long MinimumPayout { get; } = options.Value.MinimumPayout;
}
