using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Docs.Collab.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Docs.Collab.Tests;

/// <summary>
/// Frames are written straight to the TCP socket only when it carries them as they are: raw frames written
/// under TLS or HTTP/2 would corrupt the connection, so those sockets must go through ASP.NET Core's WebSocket.
/// </summary>
public sealed class DirectFrameWriterTests : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    [Fact]
    public void A_plain_HTTP_1_1_connection_is_written_directly() =>
        Assert.NotNull(DirectFrameWriter.For(Request("HTTP/1.1")));

    [Theory]
    [InlineData("HTTP/2")]
    [InlineData("HTTP/3")]
    public void A_WebSocket_over_HTTP_2_or_3_goes_through_ASP_NET_Core(string protocol) =>
        Assert.Null(DirectFrameWriter.For(Request(protocol)));

    [Fact]
    public void A_connection_under_TLS_goes_through_ASP_NET_Core()
    {
        var handshake = Request("HTTP/1.1");
        handshake.Features.Set<ITlsHandshakeFeature>(new TlsHandshake());
        Assert.Null(DirectFrameWriter.For(handshake));

        var certificate = Request("HTTP/1.1");
        certificate.Features.Set<ITlsConnectionFeature>(new TlsConnectionFeature());
        Assert.Null(DirectFrameWriter.For(certificate));
    }

    [Fact]
    public void Without_the_transport_socket_there_is_nothing_to_write_to() =>
        Assert.Null(DirectFrameWriter.For(new DefaultHttpContext { Request = { Protocol = "HTTP/1.1" } }));

    private DefaultHttpContext Request(string protocol)
    {
        var context = new DefaultHttpContext { Request = { Protocol = protocol } };
        context.Features.Set<IConnectionSocketFeature>(new SocketFeature(_socket));
        return context;
    }

    public void Dispose() => _socket.Dispose();

    private sealed class SocketFeature(Socket socket) : IConnectionSocketFeature
    {
        public Socket Socket { get; } = socket;
    }

    private sealed class TlsHandshake : ITlsHandshakeFeature
    {
        public System.Security.Authentication.SslProtocols Protocol => System.Security.Authentication.SslProtocols.Tls13;
#pragma warning disable SYSLIB0058 // the obsolete members must still be implemented
        public System.Security.Authentication.CipherAlgorithmType CipherAlgorithm => default;
        public int CipherStrength => 0;
        public System.Security.Authentication.HashAlgorithmType HashAlgorithm => default;
        public int HashStrength => 0;
        public System.Security.Authentication.ExchangeAlgorithmType KeyExchangeAlgorithm => default;
        public int KeyExchangeStrength => 0;
#pragma warning restore SYSLIB0058
    }

    private sealed class TlsConnectionFeature : ITlsConnectionFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
    }
}
