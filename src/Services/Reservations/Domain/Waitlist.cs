namespace Brigade.Reservations.Domain;

/// <summary>Walk-in queue statuses as the API spells them.</summary>
public static class WaitStatus
{
    public const string Waiting = "waiting";
    public const string Ready = "ready";
    public const string Seated = "seated";
    public const string Left = "left";

    /// <summary>Statuses still in the queue.</summary>
    public static readonly IReadOnlySet<string> Active = new HashSet<string>(StringComparer.Ordinal) { Waiting, Ready };
}

/// <summary>The walk-in queue's rules: moves, the postpone limit and the quoted wait.</summary>
public static class Waitlist
{
    /// <summary>A party may move back behind the next party at most this many times.</summary>
    public const int MaxPostponements = 2;

    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [WaitStatus.Waiting] = [WaitStatus.Ready, WaitStatus.Seated, WaitStatus.Left],
        [WaitStatus.Ready] = [WaitStatus.Seated, WaitStatus.Left],
        [WaitStatus.Seated] = [],
        [WaitStatus.Left] = [],
    };

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>Waiting or table-ready parties may postpone (going back to waiting) while under <see cref="MaxPostponements"/>.</summary>
    public static bool CanPostpone(string status, int postponements) => WaitStatus.Active.Contains(status) && postponements < MaxPostponements;

    /// <summary>
    /// The quoted wait: every party ahead takes one turn of a table that fits this party, and those tables turn in
    /// parallel, so <c>ceil(partiesAhead × turnMinutes / tablesFitting)</c>. No fitting table counts as one table;
    /// nobody ahead quotes 0. Deliberately simple: it ignores reservations and how far current turns have run.
    /// </summary>
    public static int QuotedWaitMinutes(int partiesAhead, int turnMinutes, int tablesFitting)
    {
        if (partiesAhead <= 0)
        {
            return 0;
        }

        var tables = Math.Max(1, tablesFitting);
        return (int)Math.Ceiling((double)partiesAhead * turnMinutes / tables);
    }
}
