namespace Docs.Hosting;

/// <summary>The application could not start or run: the message says what to do.</summary>
public class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message) : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>Something the machine must provide is missing; the message names the command that installs it.</summary>
public sealed class MissingPrerequisiteException : DistributedApplicationException
{
    public MissingPrerequisiteException()
    {
    }

    public MissingPrerequisiteException(string message) : base(message)
    {
    }

    public MissingPrerequisiteException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
