using System.Security.Cryptography;
using System.Text;

namespace Brigade.AppHost;

/// <summary>
/// The browser app in <c>web/</c>: <c>npm ci</c> when the lock file changed, <c>npm run build</c> (type check, Vite,
/// initial-JS budget) when its sources changed, and the gateway pointed at <c>web/dist</c>. Changes are found by
/// content hashes, not timestamps, so a fresh clone or a branch switch builds exactly when it must.
/// </summary>
static class WebBuild
{
    const string LockStamp = ".brigade-lock.sha256";
    const string SourcesStamp = ".brigade-sources.sha256";

    /// <summary>What the build reads; tests and the end-to-end folder do not change the output.</summary>
    static readonly string[] Inputs = ["package.json", "package-lock.json", "index.html", "vite.config.ts", "tsconfig.json", "src", "public", "scripts"];

    public static string Dir(Settings s) => Path.Combine(s.RepoRoot, "web");
    public static string Dist(Settings s) => Path.Combine(Dir(s), "dist");
    public static bool Exists(Settings s) => File.Exists(Path.Combine(Dir(s), "package.json"));
    public static bool IsBuilt(Settings s) => File.Exists(Path.Combine(Dist(s), "index.html"));

    /// <summary>The gateway serves the built app; e-mail links (verify, reset) point at the gateway that serves it.</summary>
    public static void AddEnvironment(Settings s, string service, Dictionary<string, string> env)
    {
        if (service == Catalog.Gateway && IsBuilt(s))
        {
            env["Gateway__WebRoot"] = Dist(s);
        }
        else if (service == "notifications")
        {
            env["Notifications__PublicBaseUrl"] = $"http://127.0.0.1:{5000 + s.PortOffset}";
        }
    }

    public static async Task EnsureBuiltAsync(Settings s, CancellationToken cancellation)
    {
        if (!Exists(s))
        {
            return;
        }
        var web = Dir(s);
        var lockHash = Hash(web, ["package-lock.json"]);
        var lockStamp = Path.Combine(web, "node_modules", LockStamp);
        if (!File.Exists(lockStamp) || await File.ReadAllTextAsync(lockStamp, cancellation) != lockHash)
        {
            await Output.Step("installing web dependencies (npm ci)", async () =>
            {
                await NpmAsync(s, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], cancellation);
                await File.WriteAllTextAsync(lockStamp, lockHash, cancellation);
            });
        }

        var sourcesHash = Hash(web, Inputs);
        var sourcesStamp = Path.Combine(Dist(s), SourcesStamp);
        if (!File.Exists(sourcesStamp) || await File.ReadAllTextAsync(sourcesStamp, cancellation) != sourcesHash)
        {
            await Output.Step("building the web app (web/dist)", async () =>
            {
                await NpmAsync(s, ["run", "build", "--silent"], cancellation);
                await File.WriteAllTextAsync(sourcesStamp, sourcesHash, cancellation);
            });
        }
    }

    public static async Task<string> NpmAsync(Settings s, IReadOnlyList<string> args, CancellationToken cancellation,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var (code, output) = await ProcessControl.RunAsync("npm", args, environment, workingDirectory: Dir(s), cancellation: cancellation);
        if (code == 127)
        {
            throw new LauncherException("npm is not installed; ./brigade installs Debian's nodejs and npm when run as root");
        }
        if (code != 0)
        {
            throw new LauncherException($"npm {string.Join(' ', args)} failed (exit {code}):\n{string.Join('\n', output.TrimEnd().Split('\n').TakeLast(30))}");
        }
        return output;
    }

    /// <summary>SHA-256 over the relative paths and contents of the inputs, in a stable order.</summary>
    static string Hash(string root, IEnumerable<string> inputs)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = inputs.SelectMany(input =>
        {
            var path = Path.Combine(root, input);
            return Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories)
                : File.Exists(path) ? [path] : [];
        }).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
