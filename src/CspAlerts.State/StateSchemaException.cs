namespace CspAlerts.State;

/// <summary>The state database cannot be used by this version of CspAlerts: its schema is newer than the code knows.</summary>
public sealed class StateSchemaException : Exception
{
    public StateSchemaException()
    {
    }

    public StateSchemaException(string message)
        : base(message)
    {
    }

    public StateSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
