using System.Text.Json;
using Docs.Yjs.Encoding;

namespace Docs.Yjs.Protocols;

/// <summary>Who was added, updated or removed by an awareness change.</summary>
public sealed record AwarenessChange(IReadOnlyList<ulong> Added, IReadOnlyList<ulong> Updated, IReadOnlyList<ulong> Removed)
{
    public bool IsEmpty => Added.Count == 0 && Updated.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// Presence (cursors, names) as in y-protocols/awareness: a JSON state per client with a clock; a
/// higher clock wins, null means gone, and states not renewed for 30 seconds are dropped. States are
/// kept as their JSON text, so a relay re-sends exactly what it received.
/// </summary>
public sealed class Awareness(ulong clientId, TimeProvider? time = null)
{
    public static readonly TimeSpan OutdatedTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<ulong, string> _states = [];
    private readonly Dictionary<ulong, (long Clock, DateTimeOffset LastUpdated)> _meta = [];

    public ulong ClientId { get; } = clientId;

    /// <summary>Raised when states were added or removed, or changed content.</summary>
    public event Action<AwarenessChange, object?>? Change;

    /// <summary>Raised on every accepted update, even one that only renewed a state.</summary>
    public event Action<AwarenessChange, object?>? Update;

    /// <summary>The JSON text of every known state.</summary>
    public IReadOnlyDictionary<ulong, string> States => _states;

    public string? LocalState => _states.GetValueOrDefault(ClientId);

    public long ClockOf(ulong client) => _meta.TryGetValue(client, out var meta) ? meta.Clock : 0;

    /// <summary>Sets (JSON text) or clears (null) this client's own state, advancing its clock.</summary>
    public void SetLocalState(string? json)
    {
        if (json is not null)
        {
            Validate(json);
        }
        var clock = _meta.TryGetValue(ClientId, out var meta) ? meta.Clock + 1 : 0;
        var previous = _states.GetValueOrDefault(ClientId);
        if (json is null)
        {
            _states.Remove(ClientId);
        }
        else
        {
            _states[ClientId] = json;
        }
        _meta[ClientId] = (clock, _time.GetUtcNow());
        var added = new List<ulong>();
        var updated = new List<ulong>();
        var filtered = new List<ulong>();
        var removed = new List<ulong>();
        if (json is null)
        {
            removed.Add(ClientId);
        }
        else if (previous is null)
        {
            added.Add(ClientId);
        }
        else
        {
            updated.Add(ClientId);
            if (previous != json)
            {
                filtered.Add(ClientId);
            }
        }
        Raise(added, updated, filtered, removed, "local");
    }

    /// <summary>Encodes the states of <paramref name="clients"/> (all known ones by default).</summary>
    public byte[] EncodeUpdate(IEnumerable<ulong>? clients = null)
    {
        var list = (clients ?? _meta.Keys.Where(_states.ContainsKey)).ToList();
        var writer = new Lib0Writer(16 + list.Count * 32);
        writer.WriteVarUint((ulong)list.Count);
        foreach (var client in list)
        {
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)ClockOf(client));
            writer.WriteString(_states.GetValueOrDefault(client) ?? "null");
        }
        return writer.ToArray();
    }

    /// <summary>Applies an awareness update from a peer, by y-protocols' rules; returns what changed.</summary>
    public AwarenessChange ApplyUpdate(byte[] update, object? origin)
    {
        var entries = Decode(update);
        var now = _time.GetUtcNow();
        var added = new List<ulong>();
        var updated = new List<ulong>();
        var filtered = new List<ulong>();
        var removed = new List<ulong>();
        foreach (var (client, receivedClock, json) in entries)
        {
            var clock = receivedClock;
            var hadMeta = _meta.TryGetValue(client, out var meta);
            var previous = _states.GetValueOrDefault(client);
            var currentClock = hadMeta ? meta.Clock : 0;
            var isNull = json == "null";
            if (currentClock < clock || (currentClock == clock && isNull && _states.ContainsKey(client)))
            {
                if (isNull)
                {
                    if (client == ClientId && LocalState is not null)
                    {
                        // A peer says we are gone while we are here: outbid it with a higher clock.
                        clock++;
                    }
                    else
                    {
                        _states.Remove(client);
                    }
                }
                else
                {
                    _states[client] = json;
                }
                _meta[client] = (clock, now);
                if (!hadMeta && !isNull)
                {
                    added.Add(client);
                }
                else if (hadMeta && isNull)
                {
                    removed.Add(client);
                }
                else if (!isNull)
                {
                    if (!JsonEquals(json, previous))
                    {
                        filtered.Add(client);
                    }
                    updated.Add(client);
                }
            }
        }
        return Raise(added, updated, filtered, removed, origin);
    }

    /// <summary>Removes the states of <paramref name="clients"/> (e.g. when their connection closes).</summary>
    public AwarenessChange RemoveStates(IEnumerable<ulong> clients, object? origin)
    {
        var removed = new List<ulong>();
        foreach (var client in clients)
        {
            if (_states.Remove(client))
            {
                if (client == ClientId && _meta.TryGetValue(client, out var meta))
                {
                    _meta[client] = (meta.Clock + 1, _time.GetUtcNow());
                }
                removed.Add(client);
            }
        }
        return Raise([], [], [], removed, origin);
    }

    /// <summary>Renews our own state when half the timeout passed, and drops peers silent for the whole timeout.</summary>
    public AwarenessChange CheckOutdated()
    {
        var now = _time.GetUtcNow();
        if (LocalState is { } local && _meta.TryGetValue(ClientId, out var own) && now - own.LastUpdated >= OutdatedTimeout / 2)
        {
            SetLocalState(local);
        }
        var outdated = _meta.Where(entry => entry.Key != ClientId && now - entry.Value.LastUpdated >= OutdatedTimeout && _states.ContainsKey(entry.Key))
            .Select(entry => entry.Key)
            .ToList();
        return outdated.Count > 0 ? RemoveStates(outdated, "timeout") : new AwarenessChange([], [], []);
    }

    /// <summary>Decodes an awareness update; every state must be JSON.</summary>
    public static List<(ulong Client, long Clock, string Json)> Decode(byte[] update)
    {
        var reader = new Lib0Reader(update);
        var count = reader.ReadCount(minBytesEach: 3);
        var entries = new List<(ulong, long, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var client = reader.ReadVarUint();
            var clock = reader.ReadVarUintAsLong();
            var json = reader.ReadString();
            Validate(json);
            entries.Add((client, clock, json));
        }
        return entries;
    }

    private static void Validate(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = AnyCodec.MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new YjsDecodingException($"An awareness state is not JSON: {ex.Message}", ex);
        }
    }

    private static bool JsonEquals(string a, string? b)
    {
        if (b is null)
        {
            return false;
        }
        if (a == b)
        {
            return true;
        }
        using var x = JsonDocument.Parse(a);
        using var y = JsonDocument.Parse(b);
        return JsonElement.DeepEquals(x.RootElement, y.RootElement);
    }

    private AwarenessChange Raise(List<ulong> added, List<ulong> updated, List<ulong> filtered, List<ulong> removed, object? origin)
    {
        if (added.Count > 0 || filtered.Count > 0 || removed.Count > 0)
        {
            Change?.Invoke(new AwarenessChange(added, filtered, removed), origin);
        }
        var change = new AwarenessChange(added, updated, removed);
        if (!change.IsEmpty)
        {
            Update?.Invoke(change, origin);
        }
        return change;
    }
}
