using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Suite;

/// <summary>
/// Which categories a test class needs, found by following the calls in its IL (and its fixtures', helpers', lambdas'
/// and async state machines') within this assembly until they reach one of <see cref="TestServices"/>'s getters:
/// chromium, PostgreSQL, Redis. A new helper that opens a browser is found through the helper.
/// </summary>
public sealed class PrerequisiteUse
{
    const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    static readonly Dictionary<string, string> Roots = new()
    {
        [nameof(TestServices.Chromium)] = TestCategory.Browser,
        [nameof(TestServices.Postgres)] = TestCategory.Postgres,
        [nameof(TestServices.Redis)] = TestCategory.Redis,
        [nameof(TestServices.RedisServer)] = TestCategory.Redis,
    };

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    readonly Assembly assembly = typeof(PrerequisiteUse).Assembly;
    readonly Dictionary<MethodBase, (HashSet<string> Categories, List<MethodBase> Callees)> steps = [];

    /// <summary>The categories <paramref name="testClass"/> reaches through its methods, base classes and fixtures.</summary>
    public IReadOnlySet<string> Of(Type testClass)
    {
        var found = new HashSet<string>();
        var seen = new HashSet<MethodBase>();
        var next = new Stack<MethodBase>(Starts(testClass));
        while (next.TryPop(out var method))
        {
            if (!seen.Add(method)) continue;
            var (categories, callees) = Step(method);
            found.UnionWith(categories);
            foreach (var callee in callees) next.Push(callee);
        }
        return found;
    }

    IEnumerable<MethodBase> Starts(Type testClass)
    {
        for (var type = testClass; type is not null && type.Assembly == assembly; type = type.BaseType)
            foreach (var method in MethodsOf(type))
                yield return method;
        foreach (var fixture in FixturesOf(testClass))
            foreach (var method in MethodsOf(fixture))
                yield return method;
    }

    /// <summary>Constructor parameters (class and collection fixtures), and the fixtures of the class's collection.</summary>
    IEnumerable<Type> FixturesOf(Type testClass)
    {
        var fixtures = testClass.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType).ToList();
        fixtures.AddRange(FixtureArguments(testClass, typeof(IClassFixture<>)));
        if (testClass.GetCustomAttribute<CollectionAttribute>() is { } collection)
        {
            var name = (string)testClass.GetCustomAttributesData().Single(a => a.AttributeType == typeof(CollectionAttribute))
                .ConstructorArguments[0].Value!;
            foreach (var definition in assembly.GetTypes().Where(t => t.GetCustomAttribute<CollectionDefinitionAttribute>() is not null))
            {
                var definitionName = definition.GetCustomAttributesData().Single(a => a.AttributeType == typeof(CollectionDefinitionAttribute))
                    .ConstructorArguments[0].Value as string;
                if (definitionName == name) fixtures.AddRange(FixtureArguments(definition, typeof(ICollectionFixture<>)));
            }
        }
        return fixtures.Where(t => t.Assembly == assembly).Distinct();
    }

    static IEnumerable<Type> FixtureArguments(Type type, Type fixtureInterface) =>
        type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == fixtureInterface)
            .Select(i => i.GetGenericArguments()[0]);

    static IEnumerable<MethodBase> MethodsOf(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared))
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Where(IsStateMachine).SelectMany(MethodsOf));

    /// <summary>The categories a method reaches at once, and the methods of this assembly it leads to.</summary>
    (HashSet<string> Categories, List<MethodBase> Callees) Step(MethodBase method)
    {
        if (steps.TryGetValue(method, out var known)) return known;
        var step = (Categories: new HashSet<string>(), Callees: new List<MethodBase>());
        foreach (var member in ReferencedMembers(method))
        {
            if (member.DeclaringType == typeof(TestServices) && member is MethodInfo { Name: ['g', 'e', 't', '_', .. var property] }
                && Roots.TryGetValue(property, out var category))
                step.Categories.Add(category);
            if (member is MethodBase callee && Definition(callee) is { } own && own.Module.Assembly == assembly)
                step.Callees.Add(own);
            // An async method or iterator runs in a state machine the IL only names (its MoveNext is called by the runtime).
            foreach (var type in TypesNamedBy(member).Where(t => t.Assembly == assembly && IsStateMachine(t)))
                step.Callees.AddRange(MethodsOf(type));
        }
        steps[method] = step;
        return step;
    }

    static bool IsStateMachine(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute)) && type.GetInterfaces().Any(i =>
            i == typeof(IAsyncStateMachine) || i == typeof(System.Collections.IEnumerator) || i.Name.StartsWith("IAsyncEnumerator"));

    static MethodBase? Definition(MethodBase method)
    {
        if (method is MethodInfo { IsGenericMethod: true, IsGenericMethodDefinition: false } generic) method = generic.GetGenericMethodDefinition();
        if (method.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } declaring)
            return MethodBase.GetMethodFromHandle(method.MethodHandle, declaring.GetGenericTypeDefinition().TypeHandle);
        return method;
    }

    static IEnumerable<Type> TypesNamedBy(MemberInfo member)
    {
        var types = new List<Type>();
        void Add(Type? type)
        {
            if (type is null) return;
            types.Add(type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type);
            if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) Add(argument);
        }
        switch (member)
        {
            case Type type: Add(type); break;
            case MethodInfo { IsGenericMethod: true } method:
                Add(method.DeclaringType);
                foreach (var argument in method.GetGenericArguments()) Add(argument);
                break;
            default: Add(member.DeclaringType); break;
        }
        return types;
    }

    /// <summary>The methods, fields and types a method's IL refers to.</summary>
    static List<MemberInfo> ReferencedMembers(MethodBase method)
    {
        var members = new List<MemberInfo>();
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il) return members;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    try
                    {
                        if (method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments) is { } member)
                            members.Add(member);
                    }
                    catch (ArgumentException) { } // a token whose generic context this reading does not have
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += code.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
        return members;
    }
}
