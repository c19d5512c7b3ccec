namespace Docs.Worker.Mail;

/// <summary>How mail leaves (section <c>Mail</c>): SMTP when <see cref="SmtpHost"/> is set, else .eml files in <see cref="PickupDirectory"/>.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>STARTTLS when the server offers it (or implicit TLS on port 465).</summary>
    public bool SmtpUseTls { get; set; } = true;

    public string PickupDirectory { get; set; } = ".data/mail";

    public string From { get; set; } = "Docs <no-reply@docs.localhost>";

    /// <summary>The public site, for the links in messages.</summary>
    public Uri SiteUrl { get; set; } = new("http://localhost:8080");
}
