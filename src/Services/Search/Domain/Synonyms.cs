namespace Brigade.Search.Domain;

/// <summary>A stretch of the query's words that means the same as each of <see cref="Alternatives"/> (each a list of words).</summary>
public sealed record SynonymMatch(int FirstWord, int WordCount, IReadOnlyList<IReadOnlyList<string>> Alternatives);

/// <summary>
/// Synonym groups kept as data (<c>synonyms.txt</c>: one group of equivalent expressions per line). Expanded at query time
/// only, so a change needs no reindex. Expressions are compared word by word in the analysed form (lower case, English
/// plurals folded), longest expression first.
/// </summary>
public sealed class Synonyms
{
    private readonly Dictionary<string, List<(string[] Words, int Group)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly List<string[][]> _groups = [];

    public Synonyms(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var expressions = line.Split(',')
                .Select(e => Analyse(e))
                .Where(words => words.Length > 0)
                .ToArray();
            if (expressions.Length < 2)
            {
                continue;
            }

            var group = _groups.Count;
            _groups.Add(expressions);
            foreach (var words in expressions)
            {
                if (!_byFirstWord.TryGetValue(words[0], out var list))
                {
                    _byFirstWord[words[0]] = list = [];
                }

                list.Add((words, group));
            }
        }

        foreach (var list in _byFirstWord.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    public int GroupCount => _groups.Count;

    /// <summary>The synonyms shipped with the service (embedded <c>synonyms.txt</c>).</summary>
    public static Synonyms Default { get; } = Load();

    /// <summary>Non-overlapping matches in the query's analysed words, left to right, longest first.</summary>
    public IReadOnlyList<SynonymMatch> Find(IReadOnlyList<string> words)
    {
        var matches = new List<SynonymMatch>();
        var i = 0;
        while (i < words.Count)
        {
            var found = false;
            if (_byFirstWord.TryGetValue(words[i], out var candidates))
            {
                foreach (var (expression, group) in candidates)
                {
                    if (i + expression.Length > words.Count || !expression.AsSpan().SequenceEqual(words.Skip(i).Take(expression.Length).ToArray()))
                    {
                        continue;
                    }

                    var alternatives = _groups[group].Where(e => !e.SequenceEqual(expression)).Select(e => (IReadOnlyList<string>)e).ToList();
                    matches.Add(new SynonymMatch(i, expression.Length, alternatives));
                    i += expression.Length;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                i++;
            }
        }

        return matches;
    }

    /// <summary>An expression's words as the query analysis sees them.</summary>
    public static string[] Analyse(string expression) =>
        KoreanText.Words(KoreanText.Normalize(expression))
            .Select(w => w.Script == Script.Latin ? KoreanText.Stem(w.Text) : w.Text)
            .ToArray();

    private static Synonyms Load()
    {
        using var stream = typeof(Synonyms).Assembly.GetManifestResourceStream("Brigade.Search.synonyms.txt")
            ?? throw new InvalidOperationException("The embedded synonyms.txt is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return new Synonyms(lines);
    }
}
