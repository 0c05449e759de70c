namespace Brigade.AppHost;

static class Build
{
    /// <summary>No lingering MSBuild nodes after we are done, no banners.</summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary><c>dotnet build Brigade.slnx -c Release</c>, quietly; on failure the errors are in the exception.</summary>
    public static Task SolutionAsync(Settings s, CancellationToken cancellation) =>
        Output.Step($"building {Settings.SolutionFile} (Release)", async () =>
        {
            var (code, output) = await ProcessControl.RunAsync("dotnet",
                ["build", Path.Combine(s.RepoRoot, Settings.SolutionFile), "-c", "Release", "-nologo", "-v:q", "-tl:off",
                 "-nodeReuse:false", "-clp:NoSummary", .. s.ArtifactsBuildArgs],
                Environment, workingDirectory: s.RepoRoot, cancellation: cancellation);
            if (code != 0)
            {
                throw new LauncherException($"the build failed (exit {code}):\n{Errors(output)}");
            }
        }, live: true);

    /// <summary><c>dotnet build</c> of one service's project (Release), for <c>restart</c>.</summary>
    public static Task ProjectAsync(Settings s, ServiceProject service, CancellationToken cancellation)
    {
        var folder = service.Name == Catalog.Gateway ? Path.Combine("src", "Gateway") : Path.Combine("src", "Services", service.AssemblyName["Brigade.".Length..]);
        var project = Path.Combine(s.RepoRoot, folder, service.AssemblyName + ".csproj");
        return Output.Step($"building {s.Relative(project)} (Release)", async () =>
        {
            var (code, output) = await ProcessControl.RunAsync("dotnet",
                ["build", project, "-c", "Release", "-nologo", "-v:q", "-tl:off", "-nodeReuse:false", "-clp:NoSummary", .. s.ArtifactsBuildArgs],
                Environment, workingDirectory: s.RepoRoot, cancellation: cancellation);
            if (code != 0)
            {
                throw new LauncherException($"the build failed (exit {code}):\n{Errors(output)}");
            }
        }, live: true);
    }

    /// <summary>The distinct error lines of a build log, or its end when there are none.</summary>
    public static string Errors(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(40).ToList();
        return string.Join('\n', errors.Count > 0 ? errors : lines.TakeLast(40));
    }
}
