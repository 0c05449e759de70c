using Term = Lucene.Net.Index.Term;
using Brigade.Contracts.Jobs;
using Brigade.Search.Domain;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Brigade.Search.Index;

/// <summary>
/// One generation of the index: a Lucene index in a folder of its own, with the facts it was built from. Changes are
/// applied under a lock per restaurant (or per job stripe), so the document written is always the one the newest facts
/// give. Readers see changes after the next refresh (near-real-time, within <c>RefreshDelay</c> of the change).
/// A retired generation is closed when the last search leasing it ends.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly object[] _jobLocks = Enumerable.Range(0, 64).Select(_ => new object()).ToArray();
    private readonly string _path;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SemaphoreSlim _dirty = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _refresher;
    private int _leases;
    private int _retired;
    private int _disposed;

    public SearchIndex(string path, Catalogue catalogue, TimeSpan refreshDelay)
    {
        _path = path;
        System.IO.Directory.CreateDirectory(path);
        Catalogue = catalogue;
        _directory = FSDirectory.Open(path);
        var config = new IndexWriterConfig(Version, new NoAnalyzer())
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new BM25SearcherFactory());
        _refresher = Task.Run(() => RefreshLoopAsync(refreshDelay));
    }

    public Catalogue Catalogue { get; }

    public int Documents => _writer.NumDocs;

    /// <summary>Applies a change to the facts and, when the document changed, to the index.</summary>
    public void Apply(IndexChange change)
    {
        switch (change)
        {
            case IndexChange.Profile p:
                OnRestaurant(p.Restaurant.RestaurantId, f => f.ApplyProfile(p.Restaurant, p.At));
                break;
            case IndexChange.Closed c:
                OnRestaurant(c.RestaurantId, f => f.ApplyClosed(c.At));
                break;
            case IndexChange.Hours h:
                OnRestaurant(h.RestaurantId, f => f.ApplyHours(h.Facts));
                break;
            case IndexChange.MenuItem m:
                OnRestaurant(m.RestaurantId, f => f.ApplyMenuItem(m.Item));
                break;
            case IndexChange.Job j:
                lock (JobLock(j.Snapshot.JobId))
                {
                    if (Catalogue.ApplyJob(j.Snapshot) is { } facts)
                    {
                        WriteJob(facts);
                    }
                }

                break;
            case IndexChange.JobDeleted d:
                lock (JobLock(d.JobId))
                {
                    Catalogue.DeleteJob(d.JobId, d.At);
                    _writer.DeleteDocuments(new Term(Fields.Id, DocumentBuilder.Key(DocumentBuilder.JobKind, d.JobId)));
                }

                break;
        }

        Changed();
    }

    /// <summary>Adds a restaurant from a feed while building a fresh generation (no reader sees it yet).</summary>
    public void Load(RestaurantFacts facts)
    {
        if (facts.IsListed)
        {
            _writer.AddDocument(DocumentBuilder.Restaurant(facts));
        }
    }

    public void Load(JobSnapshot job)
    {
        if (Catalogue.ApplyJob(job) is { IsListed: true } facts)
        {
            _writer.AddDocument(DocumentBuilder.Job(facts));
        }
    }

    /// <summary>Makes everything written so far visible to searches now.</summary>
    public void RefreshNow() => _searchers.MaybeRefreshBlocking();

    /// <summary>A searcher to use and give back with <see cref="Release"/>; null when the generation is closed.</summary>
    public IndexSearcher Acquire() => _searchers.Acquire();

    public void Release(IndexSearcher searcher) => _searchers.Release(searcher);

    /// <summary>Counts a search using this generation; false when it is already closed.</summary>
    public bool TryLease()
    {
        Interlocked.Increment(ref _leases);
        if (Volatile.Read(ref _disposed) == 1)
        {
            Interlocked.Decrement(ref _leases);
            return false;
        }

        return true;
    }

    public void EndLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) == 1)
        {
            Dispose();
        }
    }

    /// <summary>No new searches come; closes once the running ones end.</summary>
    public void Retire()
    {
        Volatile.Write(ref _retired, 1);
        if (Volatile.Read(ref _leases) == 0)
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _refresher.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _dirty.Dispose();
        try
        {
            System.IO.Directory.Delete(_path, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by a late reader: the next start clears the folder.
        }
    }

    private void OnRestaurant(Guid id, Func<RestaurantFacts, bool> apply)
    {
        var facts = Catalogue.Restaurant(id);
        lock (facts)
        {
            if (!apply(facts))
            {
                return;
            }

            var key = new Term(Fields.Id, DocumentBuilder.Key(DocumentBuilder.RestaurantKind, id));
            if (facts.IsListed)
            {
                _writer.UpdateDocument(key, DocumentBuilder.Restaurant(facts));
            }
            else
            {
                _writer.DeleteDocuments(key);
            }
        }
    }

    private void WriteJob(JobFacts facts)
    {
        var key = new Term(Fields.Id, DocumentBuilder.Key(DocumentBuilder.JobKind, facts.Job.JobId));
        if (facts.IsListed)
        {
            _writer.UpdateDocument(key, DocumentBuilder.Job(facts));
        }
        else
        {
            _writer.DeleteDocuments(key);
        }
    }

    private object JobLock(Guid id) => _jobLocks[(id.GetHashCode() & int.MaxValue) % _jobLocks.Length];

    private void Changed()
    {
        if (_dirty.CurrentCount == 0)
        {
            try
            {
                _dirty.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another change already asked for a refresh.
            }
        }
    }

    /// <summary>Changes that arrive together share one refresh: wait for one, let others join for a moment, reopen.</summary>
    private async Task RefreshLoopAsync(TimeSpan delay)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await _dirty.WaitAsync(_stop.Token);
                await Task.Delay(delay, _stop.Token);
                _searchers.MaybeRefreshBlocking();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Fields arrive analysed (token streams); nothing is analysed by Lucene itself.</summary>
    private sealed class NoAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
            throw new InvalidOperationException($"Field {fieldName} must be indexed from a token stream.");
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
