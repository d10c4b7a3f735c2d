namespace DapPanel.Core.Domain;

/// <summary>
/// Every editable record carries an app-managed concurrency token: the database refuses a save
/// whose token no longer matches, and the context issues a new token on every change.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A refusal worded for the person who tried: pages show its message as it is.</summary>
public abstract class UserFacingException(string message) : Exception(message);

/// <summary>A broken domain rule.</summary>
public class DomainRuleException(string message) : UserFacingException(message);

public class AccessDeniedException(string message) : UserFacingException(message);

public class NotFoundException(string message) : UserFacingException(message);

/// <summary>Someone else saved first; the message says what is there now.</summary>
public class ConcurrencyConflictException(string message) : UserFacingException(message);
