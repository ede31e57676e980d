using Xunit.Abstractions;
using Xunit.Sdk;

namespace Konfig.Bot.Tests.Storage;

/// <summary>
/// A fact of the store contract (<see cref="BotStoreContract"/>). The contract's facts are declared once in the
/// base class, so a plain Skip cannot tell the store kinds apart; the discoverer skips them, saying why, in a
/// class marked <see cref="RequiresPostgresAttribute"/> when PostgreSQL cannot run here.
/// </summary>
[XunitTestCaseDiscoverer("Konfig.Bot.Tests.Storage.StoreFactDiscoverer", "Konfig.Bot.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> facts need <see cref="PostgresServer"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresPostgresAttribute : Attribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute).AssemblyQualifiedName).Any();
        if (needsPostgres && PostgresServer.WhyUnavailable is { } reason)
        {
            return new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
        }

        return base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
    }
}
