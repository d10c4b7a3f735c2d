using System.Reflection;
using DapPanel.Tests.Audit;
using DapPanel.Tests.Browser;
using DapPanel.Tests.Data;
using DapPanel.Tests.Postgres;
using DapPanel.Tests.ScaleOut;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Suite;

/// <summary>
/// Every test class that opens a browser or reaches PostgreSQL or Redis says so with its category, so that the fast
/// loop can leave it out and a machine without the prerequisite skips it with the reason (and CI fails instead).
/// </summary>
public class TestCategoryTests
{
    static readonly PrerequisiteUse Use = new();
    static readonly string[] Found = [TestCategory.Browser, TestCategory.Postgres, TestCategory.Redis];

    static IEnumerable<Type> TestClasses() => typeof(TestCategoryTests).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true)));

    /// <summary>The categories a class declares itself with <c>[Trait("Category", …)]</c>.</summary>
    static IEnumerable<string> Declared(Type testClass) => testClass.GetCustomAttributesData()
        .Where(a => a.AttributeType == typeof(TraitAttribute) && TestCategory.Trait.Equals(a.ConstructorArguments[0].Value))
        .Select(a => (string)a.ConstructorArguments[1].Value!);

    [Fact]
    public void Every_test_class_declares_exactly_the_browser_PostgreSQL_and_Redis_it_uses()
    {
        var classes = TestClasses().ToList();
        Assert.True(classes.Count > 50, $"Only {classes.Count} test classes were found.");

        var wrong = new List<string>();
        foreach (var testClass in classes)
        {
            var used = Use.Of(testClass);
            var declared = Declared(testClass).ToHashSet();
            foreach (var category in Found.Where(c => used.Contains(c) && !declared.Contains(c)))
                wrong.Add($"{testClass.FullName} uses {category} but lacks [Trait(\"Category\", \"{category}\")]");
            foreach (var category in Found.Where(c => declared.Contains(c) && !used.Contains(c)))
                wrong.Add($"{testClass.FullName} says {category} but never uses it (the fast loop would leave it out for nothing)");
            foreach (var category in declared.Except(TestCategory.All))
                wrong.Add($"{testClass.FullName} has the unknown category \"{category}\" (known: {string.Join(", ", TestCategory.All)})");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_reading_finds_each_prerequisite_directly_through_helpers_and_through_fixtures()
    {
        Assert.Equal([TestCategory.Browser], Use.Of(typeof(LiveMeetingBrowserTests)));
        Assert.Equal([TestCategory.Browser], Use.Of(typeof(BeforeThePanelTests))); // through OwnServer.WithBrowserAsync
        Assert.Equal([TestCategory.Postgres], Use.Of(typeof(PostgresPersistenceTests)));
        Assert.Equal([TestCategory.Postgres], Use.Of(typeof(PostgresMeetingFlowTests))); // through its collection fixture
        Assert.Equal([TestCategory.Postgres], Use.Of(typeof(PostgresAppendOnlyAuditTests)));
        Assert.Equal([TestCategory.Postgres, TestCategory.Redis], Use.Of(typeof(TwoNodeTests)).Order());
        Assert.Empty(Use.Of(typeof(SqlitePersistenceTests)));
        Assert.Empty(Use.Of(typeof(TestCategoryTests)));
    }

    [Fact]
    public void The_longest_collections_start_first()
    {
        var order = LongestCollectionsFirst.Order().Select(c => c.Collection).ToList();
        var firstFew = order.Take(8).ToList();
        foreach (var longest in new[] { PageSweepServerCollection.Name, LiveServerCollection.Name, DemoServerCollection.Name,
                     $"Test collection for {typeof(DapPanel.Tests.Rehearsal.PanelRehearsalTests).FullName}" })
            Assert.True(firstFew.Contains(longest), $"{longest} starts at {order.IndexOf(longest) + 1}: " + string.Join(", ", firstFew));
        Assert.Contains(typeof(LongestCollectionsFirst).Assembly.GetCustomAttributesData(),
            a => a.AttributeType == typeof(TestCollectionOrdererAttribute) && typeof(LongestCollectionsFirst).FullName!.Equals(a.ConstructorArguments[0].Value));
    }
}
