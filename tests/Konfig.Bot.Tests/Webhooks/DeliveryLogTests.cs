using FluentAssertions;
using Konfig.Bot.Webhooks;

namespace Konfig.Bot.Tests.Webhooks;

public sealed class DeliveryLogTests
{
    [Fact]
    public void A_delivery_is_recorded_once()
    {
        var log = new InMemoryDeliveryLog();

        log.TryRecord("a").Should().BeTrue();
        log.TryRecord("b").Should().BeTrue();
        log.TryRecord("a").Should().BeFalse();
    }

    [Fact]
    public void The_oldest_deliveries_are_forgotten_past_the_capacity()
    {
        var log = new InMemoryDeliveryLog(capacity: 2);
        log.TryRecord("1");
        log.TryRecord("2");
        log.TryRecord("3");

        log.TryRecord("2").Should().BeFalse();
        log.TryRecord("1").Should().BeTrue();
    }

    [Fact]
    public void Concurrent_replays_of_one_delivery_record_it_once()
    {
        var log = new InMemoryDeliveryLog();

        var recorded = Enumerable.Range(0, 64).AsParallel().Count(_ => log.TryRecord("same"));

        recorded.Should().Be(1);
    }
}
