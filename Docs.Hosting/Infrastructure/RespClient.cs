using System.Net.Sockets;
using System.Text;

namespace Docs.Hosting.Infrastructure;

/// <summary>Just enough of the Redis protocol to ask a server whether it answers (AUTH, PING).</summary>
internal static class RespClient
{
    public static async Task<bool> PingAsync(string host, int port, string? password, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            var stream = client.GetStream();
            var request = new StringBuilder();
            if (!string.IsNullOrEmpty(password))
            {
                request.Append(Command("AUTH", password));
            }
            request.Append(Command("PING"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);

            var buffer = new byte[256];
            var received = new StringBuilder();
            while (!received.ToString().Contains("PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0 || received.ToString().StartsWith('-'))
                {
                    return false;
                }
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
            return !received.ToString().StartsWith('-');
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    private static string Command(params string[] parts)
    {
        var builder = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            builder.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        return builder.ToString();
    }

    /// <summary>Reads host, port and password from a StackExchange.Redis connection string.</summary>
    public static (string Host, int Port, string? Password) Parse(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoint = parts.FirstOrDefault(part => !part.Contains('=', StringComparison.Ordinal)) ?? "localhost:6379";
        var colon = endpoint.LastIndexOf(':');
        var host = colon > 0 ? endpoint[..colon] : endpoint;
        var port = colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var p) ? p : 6379;
        var password = parts.Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals("password", StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1])
            .FirstOrDefault();
        return (host, port, password);
    }
}
