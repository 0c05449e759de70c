namespace Brigade.Payments.Domain;

/// <summary>
/// An account of the ledger. The platform's own: <c>payer_funds</c> (what payers paid through the provider, less
/// refunds), <c>bank_payouts</c> (what left to owners' bank accounts), <c>platform_fees</c>, <c>tax_withheld</c> (owed
/// to the tax office). Each owner (a restaurant or a worker) has <c>receivable</c> (earned, not yet settled),
/// <c>wallet</c> (settled, withdrawable) and <c>hold</c> (withdrawals under way).
/// </summary>
public sealed record Account(string Kind, string? OwnerKind = null, Guid? OwnerId = null)
{
    public static readonly Account PayerFunds = new("payer_funds");
    public static readonly Account BankPayouts = new("bank_payouts");
    public static readonly Account PlatformFees = new("platform_fees");
    public static readonly Account TaxWithheld = new("tax_withheld");

    public static Account Receivable(Owner owner) => new("receivable", owner.Kind, owner.Id);

    public static Account Wallet(Owner owner) => new("wallet", owner.Kind, owner.Id);

    public static Account Hold(Owner owner) => new("hold", owner.Kind, owner.Id);

    /// <summary>Assets grow with debits (money held at the provider); what the platform owes or earned grows with credits.</summary>
    public string NormalSide => Kind is "payer_funds" or "bank_payouts" ? "debit" : "credit";

    /// <summary>
    /// May the balance go below zero? A restaurant's receivable (refunds after a settlement) and wallet (shift wages
    /// beyond what it earned) may: the restaurant then owes the platform until its next settlement. A worker's wallet
    /// and any hold may not; the database refuses it.
    /// </summary>
    public bool Overdraft => Kind switch
    {
        "receivable" => OwnerKind == Owner.Restaurant,
        "wallet" => OwnerKind == Owner.Restaurant,
        "hold" => false,
        _ => true,
    };
}

/// <summary>Whose money: a restaurant or a worker (a user id).</summary>
public sealed record Owner(string Kind, Guid Id)
{
    public const string Restaurant = "restaurant";
    public const string Worker = "worker";

    public static Owner OfRestaurant(Guid id) => new(Restaurant, id);

    public static Owner OfWorker(Guid id) => new(Worker, id);
}

/// <summary>One line: debit positive, credit negative; <see cref="Category"/> says what it is on a statement.</summary>
public sealed record Posting(Account Account, long Amount, string Category);

/// <summary>A journal entry: postings that sum to zero, booked once per <see cref="Kind"/> and <see cref="ReferenceId"/>.</summary>
public sealed record JournalEntry(string Kind, Guid ReferenceId, string Currency, string Memo, IReadOnlyList<Posting> Postings)
{
    public static JournalEntry Of(string kind, Guid referenceId, string currency, string memo, params Posting[] postings)
    {
        var lines = postings.Where(p => p.Amount != 0).ToList();
        if (lines.Count < 2 || lines.Sum(p => p.Amount) != 0)
        {
            throw new InvalidOperationException($"A {kind} entry must have two or more postings that sum to zero.");
        }

        return new JournalEntry(kind, referenceId, currency, memo, lines);
    }

    /// <summary>
    /// A captured payment: the money is at the provider, the restaurant is owed it, less the platform fee.
    /// </summary>
    public static JournalEntry Capture(Guid paymentId, Guid restaurantId, long amount, long fee, string currency, string memo)
    {
        var restaurant = Owner.OfRestaurant(restaurantId);
        return Of("capture", paymentId, currency, memo,
            new Posting(Account.PayerFunds, amount, "funds"),
            new Posting(Account.Receivable(restaurant), -amount, "gross"),
            new Posting(Account.Receivable(restaurant), fee, "fee"),
            new Posting(Account.PlatformFees, -fee, "fee"));
    }

    /// <summary>Money back to the payer: the restaurant's receivable carries it, and the fee on it comes back to the restaurant.</summary>
    public static JournalEntry Refund(Guid refundId, Guid restaurantId, long amount, long feeReturned, string currency, string memo)
    {
        var restaurant = Owner.OfRestaurant(restaurantId);
        return Of("refund", refundId, currency, memo,
            new Posting(Account.Receivable(restaurant), amount, "refund"),
            new Posting(Account.PayerFunds, -amount, "funds"),
            new Posting(Account.PlatformFees, feeReturned, "fee"),
            new Posting(Account.Receivable(restaurant), -feeReturned, "fee"));
    }

    /// <summary>
    /// An approved shift (<c>shift</c>) or a late cancellation's compensation (<c>shift_compensation</c>): the restaurant's
    /// wallet pays the gross wage; the worker is owed it less the fee and the tax withheld.
    /// </summary>
    public static JournalEntry Shift(string kind, Guid applicationId, Guid restaurantId, Guid workerId, long gross, long fee, long withholding, string currency, string memo)
    {
        var worker = Owner.OfWorker(workerId);
        return Of(kind, applicationId, currency, memo,
            new Posting(Account.Wallet(Owner.OfRestaurant(restaurantId)), gross, "wage"),
            new Posting(Account.Receivable(worker), -gross, "gross"),
            new Posting(Account.Receivable(worker), fee, "fee"),
            new Posting(Account.PlatformFees, -fee, "fee"),
            new Posting(Account.Receivable(worker), withholding, "withholding"),
            new Posting(Account.TaxWithheld, -withholding, "withholding"));
    }

    /// <summary>A settlement moves the period's net from the receivable to the wallet (back, when refunds outweighed).</summary>
    public static JournalEntry Settlement(Guid settlementId, Owner payee, long net, string currency, string memo) =>
        Of("settlement", settlementId, currency, memo,
            new Posting(Account.Receivable(payee), net, "settlement"),
            new Posting(Account.Wallet(payee), -net, "settlement"));

    /// <summary>A withdrawal asked for: the amount and its fee leave the wallet and wait in the hold.</summary>
    public static JournalEntry PayoutHold(Guid payoutId, Owner owner, long amount, long fee, string currency, string memo) =>
        Of("payout_hold", payoutId, currency, memo,
            new Posting(Account.Wallet(owner), amount + fee, "hold"),
            new Posting(Account.Hold(owner), -(amount + fee), "hold"));

    /// <summary>The bank received it: the hold empties into the payout and the fee.</summary>
    public static JournalEntry Payout(Guid payoutId, Owner owner, long amount, long fee, string currency, string memo) =>
        Of("payout", payoutId, currency, memo,
            new Posting(Account.Hold(owner), amount + fee, "payout"),
            new Posting(Account.BankPayouts, -amount, "payout"),
            new Posting(Account.PlatformFees, -fee, "payout_fee"));

    /// <summary>The bank refused it: the hold goes back to the wallet.</summary>
    public static JournalEntry PayoutRelease(Guid payoutId, Owner owner, long amount, long fee, string currency, string memo) =>
        Of("payout_release", payoutId, currency, memo,
            new Posting(Account.Hold(owner), amount + fee, "release"),
            new Posting(Account.Wallet(owner), -(amount + fee), "release"));
}

/// <summary>
/// A statement for a period from the receivable postings it settles: <c>Net = Gross − Fees − Refunds − Withholding</c>.
/// Gross is what was earned (captured payments, shift wages), fees the platform's (less fees returned with refunds).
/// </summary>
public sealed record Statement(long Gross, long Fees, long Refunds, long Withholding)
{
    public long Net => Gross - Fees - Refunds - Withholding;

    /// <summary>From receivable postings (debit positive) and their categories.</summary>
    public static Statement Of(IEnumerable<(long Amount, string Category)> postings)
    {
        long gross = 0, fees = 0, refunds = 0, withholding = 0;
        foreach (var (amount, category) in postings)
        {
            switch (category)
            {
                case "gross": gross -= amount; break;
                case "fee": fees += amount; break;
                case "refund": refunds += amount; break;
                case "withholding": withholding += amount; break;
                default: throw new InvalidOperationException($"A receivable posting of category {category} cannot be settled.");
            }
        }

        return new Statement(gross, fees, refunds, withholding);
    }
}
