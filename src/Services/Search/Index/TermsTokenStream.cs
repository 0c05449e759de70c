using Brigade.Search.Domain;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Brigade.Search.Index;

/// <summary>Hands terms computed by <see cref="KoreanText"/> to Lucene, with their offsets in the source text.</summary>
public sealed class TermsTokenStream : TokenStream
{
    private readonly List<Term> _terms;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private int _next;

    public TermsTokenStream(List<Term> terms)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next >= _terms.Count)
        {
            return false;
        }

        ClearAttributes();
        var term = _terms[_next++];
        _term.SetEmpty().Append(term.Text);
        _offset.SetOffset(term.Start, term.End);
        _position.PositionIncrement = 1;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}
