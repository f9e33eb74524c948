namespace CspAlerts.Web;

/// <summary>Builds the service host.</summary>
public static class ServeHost
{
    public static int Placeholder => 1;
}
