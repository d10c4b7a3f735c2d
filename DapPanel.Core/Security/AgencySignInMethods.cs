namespace DapPanel.Core.Security;

/// <summary>
/// Whether an agency's people may hold a DapPanel password. A deployment can have an agency sign in only through its
/// own provider; then a password given to one of its people would be refused at sign-in, so none is given.
/// </summary>
public interface IAgencySignInMethods
{
    bool AllowsPassword(string agencyName);
}

/// <summary>Where no agency signs in through a provider of its own.</summary>
public sealed class PasswordsForEveryAgency : IAgencySignInMethods
{
    public bool AllowsPassword(string agencyName) => true;
}
