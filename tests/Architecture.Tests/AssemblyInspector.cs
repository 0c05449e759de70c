using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace Brigade.Architecture.Tests;

/// <summary>
/// Loads a built Brigade assembly in its own load context (dependencies from its output folder) and lists, per type,
/// every assembly it reaches: base types, interfaces, fields, signatures, locals and every member its IL touches.
/// </summary>
public sealed class AssemblyInspector
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private AssemblyInspector(Assembly assembly) => Assembly = assembly;

    public Assembly Assembly { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<AssemblyInspector>> Loaded = new();

    /// <summary>
    /// One load context per assembly for the test run, kept alive: a collectible context nobody references is unloaded
    /// by its finalizer, and a load into it then fails (seen as "an operation is not legal in the current state").
    /// </summary>
    public static AssemblyInspector Load(string path) => Loaded.GetOrAdd(path, p => new Lazy<AssemblyInspector>(() =>
    {
        var resolver = new AssemblyDependencyResolver(p);
        var context = new AssemblyLoadContext(Path.GetFileNameWithoutExtension(p));
        context.Resolving += (ctx, name) => resolver.ResolveAssemblyToPath(name) is { } found ? ctx.LoadFromAssemblyPath(found) : null;
        return new AssemblyInspector(context.LoadFromAssemblyPath(p));
    })).Value;

    public IEnumerable<Type> Types()
    {
        try
        {
            return Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>Names of the assemblies <paramref name="type"/> depends on, each with one example of the dependency.</summary>
    public static Dictionary<string, string> Dependencies(Type type)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        void Note(Type? t, string where)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Note(t.GetElementType(), where);
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Note(argument, where);
                }
            }

            if (!t.IsGenericParameter)
            {
                found.TryAdd(t.Assembly.GetName().Name!, $"{t.FullName ?? t.Name} ({where})");
            }
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        Note(type.BaseType, "base type");
        foreach (var i in type.GetInterfaces())
        {
            Note(i, "interface");
        }

        foreach (var field in type.GetFields(all))
        {
            Note(field.FieldType, $"field {field.Name}");
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            var where = $"{type.Name}.{method.Name}";
            if (method is MethodInfo info)
            {
                Note(info.ReturnType, where);
            }

            foreach (var parameter in method.GetParameters())
            {
                Note(parameter.ParameterType, where);
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Note(local.LocalType, where);
            }

            foreach (var member in MembersTouched(method, body.GetILAsByteArray() ?? []))
            {
                Note(member as Type ?? member.DeclaringType, where);
                switch (member)
                {
                    case MethodInfo m:
                        Note(m.ReturnType, where);
                        break;
                    case FieldInfo f:
                        Note(f.FieldType, where);
                        break;
                }
            }
        }

        return found;
    }

    private static IEnumerable<MemberInfo> MembersTouched(MethodBase method, byte[] il)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[i++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                yield break; // unknown opcode: stop rather than misread operands
            }

            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member = null;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
                    {
                    }

                    if (member is not null)
                    {
                        yield return member;
                    }

                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, i);
                    i += 4 + (4 * count);
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineSig or OperandType.InlineString or OperandType.ShortInlineR:
                    i += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
            }
        }
    }
}
