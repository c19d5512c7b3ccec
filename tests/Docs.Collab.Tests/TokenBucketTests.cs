using Docs.Collab.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace Docs.Collab.Tests;

/// <summary>The budget behind back-pressure and awareness limits: a rate, a burst, debt repaid over time.</summary>
public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_full_bucket_gives_its_burst_at_once_then_asks_to_wait_for_the_debt()
    {
        var bucket = new TokenBucket(rate: 100, burst: 1000, _time);

        Assert.Equal(TimeSpan.Zero, bucket.Take(1000));
        Assert.Equal(TimeSpan.FromSeconds(2), bucket.Take(200)); // 200 owed at 100 a second
        Assert.Equal(-200, bucket.Tokens);
    }

    [Fact]
    public void Debt_is_repaid_at_the_rate_and_the_bucket_never_holds_more_than_its_burst()
    {
        var bucket = new TokenBucket(rate: 100, burst: 1000, _time);
        bucket.Take(1500);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(-200, bucket.Tokens, precision: 6);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1000, bucket.Tokens, precision: 6);
    }

    [Fact]
    public void TryTake_takes_only_what_is_there()
    {
        var bucket = new TokenBucket(rate: 50, burst: 200, _time);

        Assert.Equal(200, Enumerable.Range(0, 300).Count(_ => bucket.TryTake(1)));
        Assert.False(bucket.TryTake(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(50, Enumerable.Range(0, 300).Count(_ => bucket.TryTake(1)));
    }

    [Fact]
    public async Task TakeAsync_waits_until_the_debt_is_repaid()
    {
        var bucket = new TokenBucket(rate: 10, burst: 10, _time);
        await bucket.TakeAsync(10, CancellationToken.None);

        var waiting = bucket.TakeAsync(20, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_rate_of_zero_is_unlimited()
    {
        var bucket = new TokenBucket(rate: 0, burst: 0, _time);

        Assert.Equal(TimeSpan.Zero, bucket.Take(long.MaxValue));
        Assert.True(bucket.TryTake(1e12));
    }
}
