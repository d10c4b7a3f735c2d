using DapPanel.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("DapPanel.Tests.Support.PrerequisiteTestFramework", "DapPanel.Tests")]

namespace DapPanel.Tests.Support;

/// <summary>
/// xunit as usual, except that the tests of a class whose category needs something this machine lacks (chromium,
/// PostgreSQL, Redis: <see cref="TestServices.Missing"/>) are reported as skipped with the reason, instead of failing
/// in their fixtures. Under <c>CI=true</c> nothing is skipped.
/// </summary>
public sealed class PrerequisiteTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sources, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (TestServices.Required || MissingFor(testMethod.TestClass.Class) is not { } reason
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);

            // One skipped case per method (a theory's rows are not expanded): what is missing is said once.
            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason, null);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }

        static string? MissingFor(ITypeInfo testClass) =>
            testClass.GetCustomAttributes(typeof(TraitAttribute))
                .Select(trait => trait.GetConstructorArguments().ToList())
                .Where(arguments => TestCategory.Trait.Equals(arguments[0]))
                .Select(arguments => TestServices.Missing((string)arguments[1]))
                .FirstOrDefault(reason => reason is not null);
    }
}
