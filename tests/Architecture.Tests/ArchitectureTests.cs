using System.Xml.Linq;

namespace Brigade.Architecture.Tests;

/// <summary>
/// The rules that keep the services apart and the domain pure, checked on the built assemblies: a rule broken anywhere in
/// <c>src/</c>, by any service old or new, fails here with the type and the dependency that broke it.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>What pure domain code never touches: databases, brokers, caches, HTTP.</summary>
    private static readonly string[] IoAssemblies =
    [
        "Npgsql", "Dapper", "RabbitMQ.Client", "StackExchange.Redis", "System.Net.Http", "Brigade.Data", "Brigade.Messaging",
    ];

    public static TheoryData<string> Services() => new(Layout.Services());

    [Theory]
    [MemberData(nameof(Services))]
    public void Domain_code_does_no_io_and_knows_no_http(string service)
    {
        var inspector = AssemblyInspector.Load(Layout.Dll("Brigade." + service));
        var prefix = $"Brigade.{service}.Domain";
        var violations = inspector.Types()
            .Where(t => t.Namespace is { } ns && (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal)))
            .SelectMany(t => AssemblyInspector.Dependencies(t)
                .Where(d => IoAssemblies.Contains(d.Key) || d.Key.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
                .Select(d => $"{t.FullName} uses {d.Key}: {d.Value}"))
            .ToList();

        violations.ShouldBeEmpty();
    }

    /// <summary>The inspector is what the rules stand on: it must see the I/O a data store does through its IL.</summary>
    [Fact]
    public void The_inspector_sees_what_a_data_store_touches()
    {
        var store = AssemblyInspector.Load(Layout.Dll("Brigade.Reservations")).Types().Single(t => t.FullName == "Brigade.Reservations.Data.ReservationStore");
        var nested = store.Assembly.GetTypes().Where(t => t.FullName!.StartsWith(store.FullName + "+", StringComparison.Ordinal));

        var dependencies = new[] { store }.Concat(nested).SelectMany(t => AssemblyInspector.Dependencies(t).Keys).ToHashSet();

        dependencies.ShouldContain("Npgsql");
        dependencies.ShouldContain("Dapper");
    }

    [Fact]
    public void Only_messaging_talks_to_rabbitmq()
    {
        var users = Layout.SourceAssemblies()
            .Where(name => name != "Brigade.Messaging")
            .Where(name => AssemblyInspector.Load(Layout.Dll(name)).Assembly.GetReferencedAssemblies().Any(r => r.Name == "RabbitMQ.Client"))
            .ToList();

        users.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_references_no_other_service(string service)
    {
        var others = Layout.Services().Where(s => s != service).Select(s => "Brigade." + s).ToHashSet(StringComparer.Ordinal);
        others.Add("Brigade.Gateway");

        var referenced = AssemblyInspector.Load(Layout.Dll("Brigade." + service)).Assembly.GetReferencedAssemblies()
            .Select(r => r.Name!).Where(others.Contains);
        var projectReferences = XDocument.Load(Path.Combine(Layout.Root, "src", "Services", service, $"Brigade.{service}.csproj"))
            .Descendants("ProjectReference")
            .Select(p => (string?)p.Attribute("Include") ?? "")
            .Where(include => !include.Replace('\\', '/').Contains("/BuildingBlocks/", StringComparison.Ordinal));

        referenced.ShouldBeEmpty();
        projectReferences.ShouldBeEmpty();
    }
}

/// <summary>Where the sources and their build output are.</summary>
internal static class Layout
{
    public static string Root { get; } = FindRoot();

    /// <summary>Folder names under <c>src/Services</c> with a <c>Brigade.X.csproj</c>.</summary>
    public static IReadOnlyList<string> Services() =>
        Directory.GetDirectories(Path.Combine(Root, "src", "Services"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(Path.Combine(Root, "src", "Services", name, $"Brigade.{name}.csproj")))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Assembly names of every project under <c>src/</c> except the launcher.</summary>
    public static IReadOnlyList<string> SourceAssemblies() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "Brigade.*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => name != "Brigade.AppHost")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The built assembly, next to this test's own output (<c>artifacts/bin/&lt;name&gt;/&lt;configuration&gt;/</c>).</summary>
    public static string Dll(string assemblyName)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(own.Parent!.Parent!.FullName, assemblyName, own.Name, assemblyName + ".dll");
        File.Exists(path).ShouldBeTrue($"{path} is not built; build the solution first (./brigade test does).");
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Brigade.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Brigade.slnx not found above " + AppContext.BaseDirectory);
    }
}
