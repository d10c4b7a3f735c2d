using System.Reflection;
using DapPanel.Tests.Support;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("DapPanel.Tests.Suite.LongestCollectionsFirst", "DapPanel.Tests")]

namespace DapPanel.Tests.Suite;

/// <summary>
/// Two test collections run at a time (one per core), each to its end. Started in xunit's default order, a long
/// browser collection could start last and run alone while the other core idles; so the collections that take
/// longest start first, the quick ones fill in around them. How long is judged from what the classes declare: a
/// browser test takes about ten times a server test, a slow one three times more.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    static readonly Lazy<Dictionary<string, int>> Weights = new(WeighCollections);

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(c => Weights.Value.GetValueOrDefault(c.DisplayName))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    /// <summary>By the name xunit gives each collection: the collection's own, or one per class without one.</summary>
    static Dictionary<string, int> WeighCollections() => typeof(LongestCollectionsFirst).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true)))
        .GroupBy(CollectionName)
        .ToDictionary(g => g.Key, g => g.Sum(Weight));

    static string CollectionName(Type testClass) =>
        testClass.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(CollectionAttribute))?.ConstructorArguments[0].Value as string
        ?? $"Test collection for {testClass.FullName}";

    static int Weight(Type testClass)
    {
        var categories = testClass.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && TestCategory.Trait.Equals(a.ConstructorArguments[0].Value))
            .Select(a => (string)a.ConstructorArguments[1].Value!).ToHashSet();
        var tests = testClass.GetMethods().Count(m => m.IsDefined(typeof(FactAttribute), inherit: true));
        return tests * (categories.Contains(TestCategory.Browser) ? 10 : 1) * (categories.Contains(TestCategory.Slow) ? 10 : 1);
    }

    /// <summary>For <see cref="TestCategoryTests"/>: the collections as they start.</summary>
    internal static IReadOnlyList<(string Collection, int Weight)> Order() =>
        [.. Weights.Value.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => (w.Key, w.Value))];
}
