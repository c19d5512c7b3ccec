namespace Docs.Collab.Throttling;

/// <summary>
/// A token bucket: <see cref="Rate"/> tokens a second, up to <see cref="Burst"/> saved. <see cref="Take"/> always takes
/// (it may go into debt) and says how long until the debt is repaid: a reader that waits that long before reading on
/// is held to the rate without anything being dropped. <see cref="TryTake"/> takes only what is there, for what may be
/// dropped. A rate of zero or less is unlimited. Thread-safe: a document's bucket is shared by its sockets.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(double rate, double burst, TimeProvider time)
    {
        Rate = rate;
        Burst = Math.Max(0, burst);
        _time = time;
        _tokens = Burst;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>A bucket that never runs out.</summary>
    public static TokenBucket Unlimited { get; } = new(0, 0, TimeProvider.System);

    public double Rate { get; }

    public double Burst { get; }

    private bool IsUnlimited => Rate <= 0;

    /// <summary>What the bucket holds now (negative: in debt).</summary>
    public double Tokens
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>Takes <paramref name="amount"/>, into debt if need be; returns how long until the bucket is no longer in debt.</summary>
    public TimeSpan Take(double amount)
    {
        if (IsUnlimited)
        {
            return TimeSpan.Zero;
        }
        lock (_lock)
        {
            Refill();
            _tokens -= amount;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Rate);
        }
    }

    /// <summary>
    /// Takes <paramref name="amount"/> and waits until the bucket is out of debt (back-pressure: the caller reads
    /// nothing more meanwhile); returns how long it waited.
    /// </summary>
    public async ValueTask<TimeSpan> TakeAsync(double amount, CancellationToken cancellationToken)
    {
        var wait = Take(amount);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
        return wait;
    }

    /// <summary>Takes <paramref name="amount"/> if the bucket holds it; otherwise takes nothing and answers false.</summary>
    public bool TryTake(double amount)
    {
        if (IsUnlimited)
        {
            return true;
        }
        lock (_lock)
        {
            Refill();
            if (_tokens < amount)
            {
                return false;
            }
            _tokens -= amount;
            return true;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        _tokens = Math.Min(Burst, _tokens + elapsed.TotalSeconds * Rate);
    }
}
