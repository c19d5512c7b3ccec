using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Docs.Identity.Accounts;

/// <summary>
/// Brute-force protection for the sign-in form and the password grant: each user name and each client
/// address counts its failures; past the limit it must wait, twice as long after each further failure.
/// </summary>
public sealed class SignInThrottle(IOptions<IdentityOptions> options, TimeProvider time)
{
    private readonly SignInThrottleOptions _options = options.Value.SignIn;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the caller must still wait before trying, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string? login, string? address)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var (key, _) in Keys(login, address))
        {
            if (_counters.TryGetValue(key, out var counter) && counter.LockedUntil > now && counter.LockedUntil - now > wait)
            {
                wait = counter.LockedUntil - now;
            }
        }
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string? login, string? address)
    {
        var now = time.GetUtcNow();
        foreach (var (key, limit) in Keys(login, address))
        {
            _counters.AddOrUpdate(key, _ => Next(new Counter(0, now, DateTimeOffset.MinValue), limit, now), (_, counter) => Next(counter, limit, now));
        }
        if (_counters.Count > 10_000)
        {
            Prune(now);
        }
    }

    public void Succeeded(string? login)
    {
        if (!string.IsNullOrWhiteSpace(login))
        {
            _counters.TryRemove("user:" + login.Trim(), out _);
        }
    }

    private Counter Next(Counter counter, int limit, DateTimeOffset now)
    {
        var failures = now - counter.LastFailure > _options.Window ? 1 : counter.Failures + 1;
        var lockedUntil = counter.LockedUntil;
        if (failures >= limit)
        {
            var doublings = Math.Min(failures - limit, 16);
            var lockout = TimeSpan.FromTicks(Math.Min(_options.FirstLockout.Ticks << doublings, _options.MaxLockout.Ticks));
            lockedUntil = now + lockout;
        }
        return new Counter(failures, now, lockedUntil);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.LastFailure > _options.Window && counter.LockedUntil < now)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    /// <summary>An address may fail more often than one user name: several people may share it.</summary>
    private IEnumerable<(string Key, int Limit)> Keys(string? login, string? address)
    {
        if (!string.IsNullOrWhiteSpace(login))
        {
            yield return ("user:" + login.Trim(), _options.MaxFailures);
        }
        if (!string.IsNullOrWhiteSpace(address))
        {
            yield return ("ip:" + address, _options.MaxFailuresPerAddress);
        }
    }

    private sealed record Counter(int Failures, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
