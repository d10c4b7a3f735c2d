using DapPanel.Tests.LiveMeeting;
using DapPanel.Tests.Meetings;
using DapPanel.Tests.Minutes;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Postgres;

// The same service tests as on SQLite, on a demo server whose database is PostgreSQL.

[Collection(PostgresDemoServerCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresDemoPanelTests(PostgresServer postgres) : DemoPanelTests(postgres.Server);

[Collection(PostgresDemoServerCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresMinutesServiceTests(PostgresServer postgres) : MinutesServiceTests(postgres.Server);

[Collection(PostgresLiveServerCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresMeetingFlowTests(PostgresServer postgres) : MeetingFlowTests(postgres.Server);

[Collection(PostgresLiveServerCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresLeverBoardTests(PostgresServer postgres) : LeverBoardTests(postgres.Server);

[Collection(PostgresLiveServerCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresDecisionAndActionTests(PostgresServer postgres) : DecisionAndActionTests(postgres.Server);

[Collection(PostgresLiveServerCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresMeetingHubTests(PostgresServer postgres) : MeetingHubTests(postgres.Server);
