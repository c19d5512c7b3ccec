namespace Docs.Hosting.Orchestration;

/// <summary>
/// One resource's output: written to <c>{data}/logs/{name}.log</c>, kept in memory (the last lines) to
/// report a failure, and streamed to the console with a coloured name prefix — all but the .NET services'
/// information and debug entries, which would drown the states and warnings (about 1,900 lines at start).
/// </summary>
internal sealed class ResourceLog : IDisposable
{
    private const int TailLength = 200;
    private readonly Queue<string> _tail = new();
    private readonly StreamWriter _file;
    private readonly ConsoleSink _console;
    private readonly string _name;
    private readonly Lock _gate = new();

    // Whether the entry being written is one the console leaves out (see ForConsole).
    private bool _quietEntry;

    public ResourceLog(string name, string logDirectory, ConsoleSink console)
    {
        _name = name;
        _console = console;
        Directory.CreateDirectory(logDirectory);
        _file = new StreamWriter(new FileStream(Path.Combine(logDirectory, $"{name}.log"), FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            AutoFlush = true,
        };
    }

    public void Write(string line)
    {
        bool forConsole;
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLength)
            {
                _tail.Dequeue();
            }
            _file.WriteLine(line);
            forConsole = ForConsole(line);
        }
        _console.Write(_name, line, forConsole);
    }

    /// <summary>
    /// The console logger's entries start with their level (<c>info: Category[0]</c>) and go on in indented
    /// lines: an information, debug or trace entry is left out whole; anything else is shown.
    /// </summary>
    private bool ForConsole(string line)
    {
        if (line.StartsWith("info: ", StringComparison.Ordinal) || line.StartsWith("dbug: ", StringComparison.Ordinal) || line.StartsWith("trce: ", StringComparison.Ordinal))
        {
            _quietEntry = true;
        }
        else if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
        {
            _quietEntry = false;
        }
        return !_quietEntry;
    }

    public IReadOnlyList<string> Tail(int lines)
    {
        lock (_gate)
        {
            return [.. _tail.Skip(Math.Max(0, _tail.Count - lines))];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}

/// <summary>The console, shared by every resource; colours only on a terminal and without NO_COLOR.</summary>
internal sealed class ConsoleSink(bool enabled, Action<string, string>? forward)
{
    private static readonly string[] Palette = ["36", "32", "33", "35", "34", "96", "92", "93", "95", "94"];
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly bool _colour = !Console.IsOutputRedirected && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"));
    private readonly Lock _gate = new();
    private int _width = 8;

    public void Register(string name)
    {
        lock (_gate)
        {
            _colours.TryAdd(name, Palette[_colours.Count % Palette.Length]);
            _width = Math.Max(_width, name.Length);
        }
    }

    /// <summary>Every line goes to the forward (tests read them all); the terminal gets those <paramref name="forTerminal"/>.</summary>
    public void Write(string name, string line, bool forTerminal = true)
    {
        forward?.Invoke(name, line);
        if (!enabled || !forTerminal)
        {
            return;
        }
        lock (_gate)
        {
            var prefix = name.PadRight(_width);
            Console.Out.WriteLine(_colour && _colours.TryGetValue(name, out var code)
                ? $"\u001b[{code}m{prefix}\u001b[0m | {line}"
                : $"{prefix} | {line}");
        }
    }

    /// <summary>The orchestrator's own lines, in bold where colours are on.</summary>
    public void Announce(string line)
    {
        forward?.Invoke("apphost", line);
        if (!enabled)
        {
            return;
        }
        lock (_gate)
        {
            Console.Out.WriteLine(_colour ? $"\u001b[1m{"apphost".PadRight(_width)}\u001b[0m | {line}" : $"{"apphost".PadRight(_width)} | {line}");
        }
    }
}
