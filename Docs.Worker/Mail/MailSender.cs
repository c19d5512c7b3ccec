using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Docs.Worker.Mail;

/// <summary>Sends a message by SMTP, or writes it as an .eml file when no SMTP server is configured (development).</summary>
public sealed class MailSender(IOptions<MailOptions> options, ILogger<MailSender> logger)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(settings.From));
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var file = Path.Combine(settings.PickupDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
            logger.LogInformation("Mail \"{Subject}\" written to {File}", message.Subject, file);
            return;
        }
        using var client = new SmtpClient();
        var security = settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect
            : settings.SmtpUseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None;
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Mail \"{Subject}\" sent by SMTP", message.Subject);
    }
}
