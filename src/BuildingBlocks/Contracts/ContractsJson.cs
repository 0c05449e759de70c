using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Brigade.Contracts;

/// <summary>
/// Source-generated JSON for every integration event. Each events file declares its own
/// <see cref="JsonSerializerContext"/> next to its records; they are found here, so no shared list is edited.
/// (One context split over several partial declarations does not work: the generator runs once per
/// declaration carrying <c>[JsonSerializable]</c> and fails on duplicate output.)
/// </summary>
public static class ContractsJson
{
    /// <summary>Every <see cref="JsonSerializerContext"/> declared in this assembly.</summary>
    public static IJsonTypeInfoResolver Resolver { get; } = JsonTypeInfoResolver.Combine(DiscoverContexts());

    /// <summary>Web defaults (camelCase) that also refuse payloads missing a required value or carrying null for a non-nullable one.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(Resolver);

    public static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver resolver)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = resolver,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly();
        return options;
    }

    private static IJsonTypeInfoResolver[] DiscoverContexts() =>
        typeof(ContractsJson).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JsonSerializerContext)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IJsonTypeInfoResolver
                ?? throw new InvalidOperationException($"{t.FullName} has no generated Default instance; mark it partial with [JsonSerializable] attributes."))
            .ToArray();
}
