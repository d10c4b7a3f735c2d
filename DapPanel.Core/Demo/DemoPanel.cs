using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Demo;

/// <summary>
/// A realistic, plainly fictional panel: Croydon DAPP with its agencies, six past meetings in which
/// mental health and substance misuse drift away, open cases with levers and actions, and an
/// upcoming meeting of 17 items (7 new referrals, 10 reviews).
/// </summary>
public sealed class DemoPanel(
    IDbContextFactory<DapPanelDbContext> dbFactory, UserManager<DapPanelUser> users,
    RoleManager<IdentityRole> roles, TimeProvider clock)
{
    public const string PanelName = "Croydon DAPP";

    static readonly (string Name, AgencyKind Kind)[] AgencyList =
    [
        ("Police — South Area domestic abuse team", AgencyKind.Police),
        ("Probation Service — Croydon", AgencyKind.Probation),
        ("Children's Social Care", AgencyKind.ChildrensSocialCare),
        ("Adult Social Care", AgencyKind.AdultSocialCare),
        ("Housing Needs", AgencyKind.Housing),
        ("Community Mental Health Team", AgencyKind.MentalHealth),
        ("Recovery Service (drugs and alcohol)", AgencyKind.SubstanceMisuse),
        ("Family Justice Centre IDVA Service", AgencyKind.IdvaService),
        ("Drive case management", AgencyKind.CaseManagementProvider),
        ("Prison offender management", AgencyKind.Prison),
        ("Health safeguarding", AgencyKind.Health),
        ("Family Justice Centre", AgencyKind.Other),
    ];

    // Senior managers who champion attendance; mental health's contact is named, as the source report urges.
    static readonly (AgencyKind Kind, string Name, string Email)[] SeniorContacts =
    [
        (AgencyKind.Police, "Det Supt Lesley Kite", "lesley.kite@dappanel.example"),
        (AgencyKind.Probation, "Hilary Gannet, head of service", "hilary.gannet@dappanel.example"),
        (AgencyKind.ChildrensSocialCare, "Priya Nightjar, assistant director", "priya.nightjar@dappanel.example"),
        (AgencyKind.Housing, "Owen Redstart, housing needs manager", "owen.redstart@dappanel.example"),
        (AgencyKind.MentalHealth, "Dr Fran Shrike, service director", "fran.shrike@dappanel.example"),
        (AgencyKind.SubstanceMisuse, "Gil Wagtail, recovery service manager", "gil.wagtail@dappanel.example"),
    ];

    static readonly string[] NewReferralNames =
        ["Mark Hawthorn", "Dean Alder", "Lee Rowan", "Gary Aspen", "Kyle Hazel", "Wayne Linden", "Ryan Juniper"];

    static readonly string[] ReviewNames =
    [
        "Jason Birch", "Craig Willow", "Paul Maple", "Steven Cedar", "Darren Elm", "Neil Hornbeam", "Tony Larch",
        "Scott Poplar", "Shaun Spruce", "Adam Sycamore",
    ];

    static readonly string[] VictimNames =
    [
        "Sarah Primrose", "Leanne Bluebell", "Kelly Marigold", "Gemma Foxglove", "Amy Daisy", "Nicola Poppy",
        "Laura Iris", "Jade Clover", "Emma Heather", "Claire Violet", "Zoe Lavender", "Hannah Tulip",
        "Lisa Snowdrop", "Donna Orchid", "Rachel Aster", "Megan Lily", "Chloe Saffron", "Paula Myrtle",
        "Toni Azalea", "Beth Camellia", "Sian Dahlia", "Karen Jasmine",
    ];

    static readonly string[] NewReferralFocus =
    [
        "Eligibility. Police: offending history and current orders. Children's social care: are the children known?",
        "Eligibility. Probation: is he under supervision? Housing: where is he living? IDVA: is the victim-survivor supported?",
        "Eligibility and safety: is it safe for a case manager to make contact? Police: bail conditions. Mental health: known?",
        "Eligibility. Recovery service: alcohol treatment history. Children's social care: is there a plan for the children?",
    ];

    static readonly string[] ReviewFocus =
    [
        "Progress since acceptance. Probation: licence compliance. Children's social care: plan status.",
        "Engagement has dropped. Housing: current address? Police: any call-outs since the last panel?",
        "First sessions done. Case manager: behaviour-change work so far. IDVA: how safe does the victim-survivor feel now?",
        "New partner disclosed. Police: Clare's Law disclosure made? Children's social care: is a new assessment needed?",
        "Court date next month. Police: evidence for the prosecution. IDVA: support for the victim-survivor at court.",
    ];

    /// <summary>What brought each case to the panel: varied, as real referrals are.</summary>
    static readonly string[] Summaries =
    [
        "Repeat incidents of coercive and controlling behaviour, two call-outs in the last month; victim-survivor reports threats to take the children.",
        "Stalking after separation: daily messages from new numbers, seen outside the victim-survivor's workplace twice this month.",
        "Non-fatal strangling reported at MARAC; victim-survivor pregnant; he denies it and has moved back to his mother's address nearby.",
        "Serial perpetrator: third partner to report violence in four years; new partner has two children under five.",
        "Financial control and isolation: took the victim-survivor's bank cards and phone; alcohol use escalating since losing his job.",
        "Breached a non-molestation order three times since the summer; threatened to burn the house down with the family inside.",
        "Violence towards his adult daughter and her partner; mental health crisis team involved after threats of suicide.",
        "Released on licence in the spring; previous partner now re-housed, and he has been asking mutual friends where she lives.",
    ];

    readonly Random random = new(2026);
    readonly Dictionary<AgencyKind, Agency> agencies = [];
    int caseNumber = 30;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = PanelTime.Today(clock);

        foreach (var (name, kind) in AgencyList)
            agencies[kind] = new Agency { Name = name, Kind = kind };
        foreach (var (kind, contact, email) in SeniorContacts)
            (agencies[kind].SeniorContactName, agencies[kind].SeniorContactEmail) = (contact, email);
        db.Agencies.AddRange(agencies.Values);

        var people = DemoLogins.All.ToDictionary(l => l.Email, l => new Person
        {
            FullName = l.FullName, Email = l.Email, JobTitle = l.JobTitle, AgencyId = agencies[l.AgencyKind].Id,
        });
        db.People.AddRange(people.Values);

        var upcomingDate = NextTuesday(today.AddDays(8));
        var panel = new Panel { Name = PanelName, Area = "London Borough of Croydon" };
        panel.Members.AddRange(agencies.Values.Select(a => new PanelMembership
        {
            AgencyId = a.Id, IsCore = a.Kind is not (AgencyKind.Health or AgencyKind.AdultSocialCare),
            JoinedOn = upcomingDate.AddYears(-2),
        }));
        panel.Chairs.Add(new PanelChair { PersonId = people["chair@dappanel.example"].Id });
        panel.Chairs.Add(new PanelChair { PersonId = people["cochair@dappanel.example"].Id });
        db.Panels.Add(panel);

        var past = Enumerable.Range(1, 6).Select(k => NewMeeting(panel, upcomingDate.AddDays(-14 * k), MeetingStatus.Closed))
            .Reverse().ToList(); // oldest first
        var upcoming = NewMeeting(panel, upcomingDate, MeetingStatus.Circulated);
        upcoming.CirculatedAt = PanelTime.At(today.AddDays(-1), new TimeOnly(16, 30));
        db.Meetings.AddRange(past);
        db.Meetings.Add(upcoming);

        var chairId = people["chair@dappanel.example"].Id;
        var reviewCases = SeedReviewCases(db, past, upcoming, upcomingDate, today, chairId);
        SeedClosedAndUnsuitableCases(db, past, chairId);
        var newCases = SeedNewReferrals(db, upcoming, today);
        FlagRepeatReferral(db, newCases[^1].Case, people["idva@dappanel.example"], people["admin@dappanel.example"]);
        OrderAgenda(upcoming, newCases, reviewCases);

        foreach (var (meeting, index) in past.Select((m, i) => (m, i)))
            RecordAttendance(meeting, index, people.Values);
        SeedAcknowledgements(db, past);
        SeedInformationSharing(db, panel, people, today);
        // Every case of the demo is held by its one panel.
        foreach (var c in db.ChangeTracker.Entries<Case>()) c.Entity.PanelId = panel.Id;

        SeedEvaluationRecords(db, panel, people, today);
        await db.SaveChangesAsync(cancellationToken);
        await SeedHistoryAsync(panel, people, past[0].Date, cancellationToken);
        await SeedLoginsAsync(people);
    }

    /// <summary>Case managers of the case-management provider who have no sign-in of their own.</summary>
    static readonly string[] CaseManagerNames = ["Bea Shearwater", "Cal Petrel", "Dee Puffin"];

    /// <summary>
    /// Two years of the panel before the six meetings above, at the evaluation's scale, so every evaluation figure has a
    /// real shape (EvaluationHistory); saved in batches.
    /// </summary>
    async Task SeedHistoryAsync(Panel panel, Dictionary<string, Person> people, DateOnly firstRecent, CancellationToken cancellationToken)
    {
        var attendees = agencies.Values.Select(a => (a.Id, Person: people.Values.FirstOrDefault(p => p.AgencyId == a.Id)))
            .Where(a => a.Person is not null).ToDictionary(a => a.Id, a => a.Person!.Id);
        var history = new EvaluationHistory(panel, agencies, caseManagers, attendees, people["chair@dappanel.example"].Id,
                people["drive@dappanel.example"].Id)
            .Generate(firstRecent.AddDays(-panel.CadenceDays * HistoryMeetings), firstRecent);
        await history.SaveAsync(() => dbFactory.CreateDbContextAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Fortnightly meetings before the six above: with them, two years of the panel.</summary>
    public const int HistoryMeetings = 46;

    readonly List<Person> caseManagers = [];

    /// <summary>
    /// What the evaluation reads of the cases above: case managers, characteristics, ACEs and intake records, and the
    /// borough's population by ethnic group (Census 2021). A random source of its own, so the cases above stay as they were.
    /// </summary>
    void SeedEvaluationRecords(DapPanelDbContext db, Panel panel, Dictionary<string, Person> people, DateOnly today)
    {
        var provider = agencies[AgencyKind.CaseManagementProvider];
        caseManagers.Add(people["casemanager@dappanel.example"]);
        foreach (var name in CaseManagerNames)
        {
            var person = new Person { FullName = name, JobTitle = "Case manager", AgencyId = provider.Id };
            db.People.Add(person);
            caseManagers.Add(person);
        }
        var details = new Random(1807);
        Ethnicity[] ethnicities = [Ethnicity.WhiteBritish, Ethnicity.BlackCaribbean, Ethnicity.BlackAfrican, Ethnicity.AsianIndian,
            Ethnicity.WhiteOther, Ethnicity.MixedWhiteAndBlackCaribbean, Ethnicity.NotKnown];
        foreach (var c in db.Cases.Local.Where(c => c.AcceptedOn is not null).ToList())
        {
            c.Perpetrator.Sex = Sex.Male;
            c.Perpetrator.Ethnicity = ethnicities[details.Next(ethnicities.Length)];
            c.CaseManagerPersonId = caseManagers[details.Next(caseManagers.Count)].Id;
            c.AdverseChildhoodExperiences = details.Next(3) == 0 ? null : details.Next(4);
            foreach (var victim in c.VictimSurvivors)
            {
                victim.Sex = Sex.Female;
                victim.Ethnicity = ethnicities[details.Next(ethnicities.Length)];
                victim.DateOfBirth = new DateOnly(1975 + details.Next(25), 1 + details.Next(12), 1 + details.Next(28));
            }
            var assessed = c.AcceptedOn!.Value.AddDays(7) is var week && week < today ? week : today;
            var intake = new CaseIntake
            {
                CaseId = c.Id, AssessedOn = assessed, WrittenByPersonId = caseManagers[0].Id,
                WrittenAt = PanelTime.At(assessed, new TimeOnly(8, 0)),
                Needs = new NeedsRatings
                {
                    ChildrenFamiliesAndParenting = NeedLevel.High, SubstanceMisuseDrugs = (NeedLevel)details.Next(5),
                    SubstanceMisuseAlcohol = (NeedLevel)details.Next(5), MentalHealthAndWellbeing = (NeedLevel)details.Next(5),
                    Housing = (NeedLevel)details.Next(5), BehaviourAndAttitudes = NeedLevel.High,
                },
            };
            foreach (var victim in c.VictimSurvivors)
            foreach (var type in Enum.GetValues<AbuseType>())
                intake.Severities.Add(new IntakeSeverity
                {
                    CaseIntakeId = intake.Id, VictimSurvivorId = victim.Id, AbuseType = type,
                    Severity = type == AbuseType.Sexual ? AbuseSeverity.Unknown : (AbuseSeverity)details.Next(4),
                });
            db.CaseIntakes.Add(intake);
        }
        panel.AreaPopulationSource = "Census 2021, ethnic group (TS021), London Borough of Croydon";
        foreach (var (group, percent) in new[] { (EthnicGroup.Asian, 17.5m), (EthnicGroup.Black, 22.6m), (EthnicGroup.Mixed, 7.6m),
                     (EthnicGroup.White, 48.4m), (EthnicGroup.Other, 3.9m) })
            db.AreaPopulationShares.Add(new AreaPopulationShare { PanelId = panel.Id, Group = group, Percent = percent });
    }

    List<(Case Case, string Focus)> SeedReviewCases(DapPanelDbContext db, List<Meeting> past, Meeting upcoming,
        DateOnly upcomingDate, DateOnly today, Guid chairId)
    {
        // Index into past meetings (0 = oldest) at which each review case was accepted; -1/-2: before records began.
        int[] acceptedAt = [0, 0, 1, 2, 2, 3, 4, 5, -1, -2];
        var result = new List<(Case, string)>();
        for (var i = 0; i < ReviewNames.Length; i++)
        {
            var c = NewCase(ReviewNames[i], today.AddDays(-120 - 10 * i));
            var acceptedOn = acceptedAt[i] switch
            {
                -1 => upcomingDate.AddMonths(-5),
                -2 => upcomingDate.AddMonths(-13).AddDays(-3),
                var k => past[k].Date,
            };
            c.ReferredOn = acceptedOn.AddDays(-9);
            c.Accept(acceptedOn);
            c.ScheduleReview(upcomingDate);
            c.Engagement = (EngagementStatus)(1 + i % 3);
            db.Cases.Add(c);

            if (acceptedAt[i] >= 0)
            {
                var acceptMeeting = past[acceptedAt[i]];
                var item = AddItem(acceptMeeting, c, AgendaItemKind.NewReferral, 8);
                item.Decision = NewDecision(item, DecisionOutcome.Accept,
                    "Meets the threshold: high risk to the victim-survivor and children; safe route to contact through an engaged agency.",
                    acceptMeeting, chairId);
                AddLevers(db, c, acceptMeeting, i);
                AddActions(db, c, item, acceptMeeting, today, i);
                if (acceptedAt[i] + 2 < past.Count)
                {
                    var reviewMeeting = past[acceptedAt[i] + 2];
                    var review = AddItem(reviewMeeting, c, AgendaItemKind.Review, 6);
                    review.Decision = NewDecision(review, DecisionOutcome.Review,
                        "Case manager has made first contact; bring back once the probation and housing updates are in.",
                        reviewMeeting, chairId);
                    review.Decision.ReviewOn = upcomingDate;
                }
            }
            else
            {
                AddLevers(db, c, null, i);
                c.OffendingHistory += " Accepted before the panel moved onto DapPanel.";
            }

            var focus = acceptedAt[i] == -2
                ? "Open 13 months: extend with a reason or close. Police: any new incidents? IDVA: victim-survivor's view."
                : acceptedAt[i] == -1
                    ? "Closure candidate (open 5 months). Case manager and IDVA to say whether closure is agreed."
                    : ReviewFocus[i % ReviewFocus.Length];
            result.Add((c, focus));
        }
        return result;
    }

    void SeedClosedAndUnsuitableCases(DapPanelDbContext db, List<Meeting> past, Guid chairId)
    {
        (string Name, int Meeting, int AcceptedMonthsBefore, ClosureReason Reason)[] closed =
        [
            ("Karl Yew", 1, 8, ClosureReason.ServiceUserDisengaged),
            ("Martin Holly", 3, 10, ClosureReason.InterventionsCompleted),
            ("Ian Chestnut", 4, 4, ClosureReason.RiskToVictimsTooHigh),
        ];
        foreach (var (name, k, months, reason) in closed)
        {
            var meeting = past[k];
            var c = NewCase(name, meeting.Date.AddMonths(-months).AddDays(-10));
            c.Accept(meeting.Date.AddMonths(-months));
            c.Close(meeting.Date, reason);
            db.Cases.Add(c);
            var item = AddItem(meeting, c, AgendaItemKind.ClosureProposal, 5);
            item.Decision = NewDecision(item, DecisionOutcome.Close,
                $"Case manager and IDVA agree closure: {reason.Label().ToLowerInvariant()}.", meeting, chairId,
                reason);
        }

        // Closed long before these meetings and past the retention period: listed for erasure at /retention.
        var longClosed = NewCase("Gordon Elmwood", past[0].Date.AddYears(-7).AddMonths(-10));
        longClosed.Accept(longClosed.ReferredOn.AddDays(14));
        longClosed.Close(longClosed.ReferredOn.AddMonths(9), ClosureReason.InterventionsCompleted);
        db.Cases.Add(longClosed);

        foreach (var (name, k) in new[] { ("Brian Cypress", 2), ("Terry Laurel", 5) })
        {
            var meeting = past[k];
            var c = NewCase(name, meeting.Date.AddDays(-12));
            c.MarkNotSuitable();
            db.Cases.Add(c);
            var item = AddItem(meeting, c, AgendaItemKind.NewReferral, 8);
            item.Decision = NewDecision(item, DecisionOutcome.NotSuitable,
                "Too dangerous for case managers to approach; police-led disruption through MARAC instead.", meeting, chairId);
        }
    }

    List<(Case Case, string Focus)> SeedNewReferrals(DapPanelDbContext db, Meeting upcoming, DateOnly today)
    {
        var result = new List<(Case, string)>();
        for (var i = 0; i < NewReferralNames.Length; i++)
        {
            var c = NewCase(NewReferralNames[i], today.AddDays(-3 - 2 * i));
            c.ReferralSource = i % 3 == 1 ? ReferralSource.Marac : ReferralSource.Police;
            db.Cases.Add(c);
            result.Add((c, NewReferralFocus[i % NewReferralFocus.Length]));
        }
        return result;
    }

    /// <summary>
    /// One new referral shares a victim-survivor with a case closed this year, so the demo shows a repeat referral
    /// flagged as the referral form would have flagged it.
    /// </summary>
    static void FlagRepeatReferral(DapPanelDbContext db, Case repeat, Person referrer, Person coordinator)
    {
        var earlier = db.Cases.Local.Single(c => c.Perpetrator.FullName == "Karl Yew");
        var shared = earlier.VictimSurvivors[0].FullName;
        repeat.VictimSurvivors.Add(new VictimSurvivor { FullName = shared });
        db.Referrals.Add(new Referral
        {
            CaseId = repeat.Id, ReferrerName = referrer.FullName, ReferrerAgencyId = referrer.AgencyId, IsRepeat = true,
            RecordedAt = PanelTime.At(repeat.ReferredOn, new TimeOnly(11, 0)), RecordedByPersonId = coordinator.Id,
        });
        db.CaseLinks.Add(new CaseLink { CaseId = repeat.Id, LinkedCaseId = earlier.Id, Reason = $"Same victim-survivor: {shared}" });
    }

    static void OrderAgenda(Meeting upcoming, List<(Case Case, string Focus)> newCases, List<(Case Case, string Focus)> reviews)
    {
        foreach (var (c, focus) in newCases)
            AddItem(upcoming, c, AgendaItemKind.NewReferral, 8).Focus = focus;
        foreach (var (c, focus) in reviews)
            AddItem(upcoming, c, AgendaItemKind.Review, 6).Focus = focus;
    }

    Case NewCase(string perpetrator, DateOnly referredOn)
    {
        var victims = 1 + (random.Next(10) == 0 ? 1 : 0);
        var c = new Case
        {
            Reference = $"DAPP-{referredOn:yy}-{++caseNumber:000}",
            Perpetrator = new Perpetrator
            {
                FullName = perpetrator,
                DateOfBirth = new DateOnly(1972 + random.Next(28), 1 + random.Next(12), 1 + random.Next(28)),
                Aliases = random.Next(3) == 0 ? [perpetrator.Split(' ')[0][..1] + ". " + perpetrator.Split(' ')[1] + "-Smith"] : [],
            },
            ReferralSource = random.Next(3) == 0 ? ReferralSource.Marac : ReferralSource.Police,
            ReferredOn = referredOn,
            RiskLevel = random.Next(5) == 0 ? RiskLevel.Medium : RiskLevel.High,
            IsSerialPerpetrator = random.Next(3) == 0,
            ChildrenCount = random.Next(4),
            Summary = Summaries[caseNumber % Summaries.Length],
            OffendingHistory = "Previous convictions for assault by beating (2019) and breach of a non-molestation order (2022).",
        };
        for (var v = 0; v < victims; v++)
        {
            var name = VictimNames[(caseNumber + v * 7) % VictimNames.Length];
            c.VictimSurvivors.Add(new VictimSurvivor
            {
                FullName = name,
                Address = $"Flat {1 + random.Next(40)}, {10 + random.Next(90)} Example Road, Croydon CR0 {random.Next(9)}XX",
                Contact = $"07700 900{random.Next(1000):000} (safe to call after 6pm)",
            });
        }
        return c;
    }

    static AgendaItem AddItem(Meeting meeting, Case c, AgendaItemKind kind, int minutes)
    {
        var item = new AgendaItem
        {
            MeetingId = meeting.Id, CaseId = c.Id, Kind = kind, PlannedMinutes = minutes,
            Order = meeting.AgendaItems.Count + 1,
        };
        meeting.AgendaItems.Add(item);
        return item;
    }

    static Decision NewDecision(AgendaItem item, DecisionOutcome outcome, string rationale, Meeting meeting, Guid chairId,
        ClosureReason? reason = null) => new()
    {
        AgendaItemId = item.Id, Outcome = outcome, Rationale = rationale, ClosureReason = reason,
        RecordedAt = meeting.StartsAt.AddMinutes(10 * item.Order), RecordedByPersonId = chairId,
    };

    void AddLevers(DapPanelDbContext db, Case c, Meeting? meeting, int seed)
    {
        (AgencyKind Agency, LeverFamily Family, LeverArea Area, string Text)[] offers =
        [
            (AgencyKind.Probation, LeverFamily.Engagement, LeverArea.ProbationContact,
                "On licence until next spring; supervising officer can arrange a joint first appointment."),
            (AgencyKind.ChildrensSocialCare, LeverFamily.Disrupt, LeverArea.ChildrenAndFamilies,
                "Child protection plan in place; contact arrangements can be reviewed at the next conference."),
            (AgencyKind.Police, LeverFamily.Disrupt, LeverArea.BreachOfOrders,
                "Non-molestation order in force; breaches flagged to the DA team for arrest."),
            (AgencyKind.Housing, LeverFamily.Support, LeverArea.Housing,
                "Sofa-surfing; a housing options appointment can be offered as a way in."),
            (AgencyKind.SubstanceMisuse, LeverFamily.Support, LeverArea.SubstanceMisuse,
                "Known to the service in 2023; an alcohol treatment place is available this month."),
            (AgencyKind.IdvaService, LeverFamily.Disrupt, LeverArea.AvailabilityOfVictims,
                "IDVA supporting the victim-survivor with safety planning; sanctuary scheme referral made."),
            (AgencyKind.Police, LeverFamily.Disrupt, LeverArea.InformationSharingWithPolice,
                "Clare's Law disclosure to his new partner under consideration."),
            (AgencyKind.Prison, LeverFamily.Engagement, LeverArea.PrisonContact,
                "Recently released; offender manager holds release plan and can share conditions."),
        ];
        var count = 2 + seed % 3;
        for (var j = 0; j < count; j++)
        {
            var (agency, family, area, text) = offers[(seed + j * 3) % offers.Length];
            db.Levers.Add(new Lever
            {
                CaseId = c.Id, MeetingId = meeting?.Id, AgencyId = agencies[agency].Id, Family = family, Area = area,
                Description = text,
                OfferedAt = meeting?.StartsAt.AddMinutes(15) ?? PanelTime.At(c.ReferredOn.AddDays(9), new TimeOnly(10, 30)),
            });
        }
    }

    void AddActions(DapPanelDbContext db, Case c, AgendaItem item, Meeting meeting, DateOnly today, int seed)
    {
        (AgencyKind Agency, string Text)[] asks =
        [
            (AgencyKind.Probation, "Share licence conditions and supervision pattern with the case manager."),
            (AgencyKind.Police, "Check for call-outs since referral and flag the address."),
            (AgencyKind.ChildrensSocialCare, "Confirm child protection plan status and next conference date."),
            (AgencyKind.Housing, "Offer a housing options appointment and tell the case manager the outcome."),
            (AgencyKind.IdvaService, "Update the victim-survivor's safety plan and report her view on contact."),
            (AgencyKind.CaseManagementProvider, "Attempt first contact through probation and report engagement."),
        ];
        var count = 1 + seed % 2;
        for (var j = 0; j < count; j++)
        {
            var (agency, text) = asks[(seed + j * 2) % asks.Length];
            var action = PanelAction.Agree(c.Id, item.Id, meeting.Date, text, agencies[agency].Id, null,
                meeting.Date.AddDays(14));
            // Older actions are mostly settled; recent ones are still open, a few overdue.
            if (action.DueOn < today.AddDays(-20))
                action.Status = (seed + j) % 4 == 0 ? ActionStatus.NotDoneAgencyDidNotAct : ActionStatus.Done;
            db.Actions.Add(action);
        }
    }

    void RecordAttendance(Meeting meeting, int index, IEnumerable<Person> people)
    {
        foreach (var agency in agencies.Values.Where(a => a.Kind is not (AgencyKind.Health or AgencyKind.AdultSocialCare)))
        {
            var status = AttendanceFor(agency.Kind, index);
            var person = people.FirstOrDefault(p => p.AgencyId == agency.Id);
            var joinedAfter = status == AttendanceStatus.PresentRemote ? random.Next(9) : 0;
            // Housing joins late now and then: the late arrivals managers see in insight.
            if (agency.Kind == AgencyKind.Housing && index % 3 == 1) joinedAfter = 18;
            meeting.Attendances.Add(new Domain.Attendance
            {
                MeetingId = meeting.Id, AgencyId = agency.Id, PersonId = status.IsPresent() ? person?.Id : null,
                Status = status, IsConfirmed = true,
                Note = status == AttendanceStatus.ApologiesWithInformation ? "Treatment and engagement updates emailed to the coordinator." : null,
                JoinedAt = status == AttendanceStatus.PresentRemote ? meeting.StartsAt.AddMinutes(joinedAfter) : null,
                LeftAt = status == AttendanceStatus.PresentRemote ? meeting.StartsAt.AddMinutes(115) : null,
            });
        }
    }

    /// <summary>Everyone named at a past meeting acknowledged the confidentiality statement as they arrived.</summary>
    static void SeedAcknowledgements(DapPanelDbContext db, IEnumerable<Meeting> meetings)
    {
        foreach (var meeting in meetings)
        foreach (var line in meeting.Attendances.Where(a => a.PersonId is not null))
            db.ConfidentialityAcknowledgements.Add(new ConfidentialityAcknowledgement
            {
                MeetingId = meeting.Id, PersonId = line.PersonId!.Value,
                AcknowledgedAt = line.JoinedAt ?? meeting.StartsAt.AddMinutes(-3),
                Statement = Panel.DefaultConfidentialityStatement,
            });
    }

    public const string AgreementText =
        "Croydon DAPP information-sharing agreement, version 1.\n\n"
        + "1. Purpose. Member agencies share information about the perpetrators referred to the panel so that together they "
        + "can reduce the risk those perpetrators pose to victim-survivors and children. The lawful basis is each agency's "
        + "public task and, for special category and criminal offence data, substantial public interest (safeguarding).\n"
        + "2. Need to know. Every member agency sees the perpetrator summary of the cases on the panel's agenda. Victim-survivor "
        + "and child details are shared only with agencies that have a role in the victims' safety: the IDVA service, police, "
        + "children's social care and the case-management provider, unless the panel decides otherwise. Each agency's research "
        + "notes are seen only by that agency, the chairs and the panel coordinator.\n"
        + "3. Handling. The information is OFFICIAL-SENSITIVE. Record it only in your own agency's secure case records, do not "
        + "forward the case list or action lists outside your agency, and delete downloaded copies once recorded.\n"
        + "4. Accountability. Every view and download is recorded with the version of this agreement it was made under. Tell "
        + "the panel coordinator at once of any information shared in error.";

    /// <summary>Version 1 of the panel's agreement, acknowledged by every demo sign-in but the health member's.</summary>
    static void SeedInformationSharing(DapPanelDbContext db, Panel panel, Dictionary<string, Person> people, DateOnly today)
    {
        var published = PanelTime.At(today.AddMonths(-3), new TimeOnly(9, 0));
        db.InformationSharingAgreements.Add(new InformationSharingAgreement
        {
            PanelId = panel.Id, Number = 1, Text = AgreementText, PublishedAt = published, PublishedByName = "Jo Linnet",
        });
        foreach (var (email, person) in people.Where(p => p.Key != NotYetAgreedEmail))
            db.AgreementAcknowledgements.Add(new AgreementAcknowledgement
            {
                PanelId = panel.Id, AgreementNumber = 1, PersonId = person.Id, AcknowledgedAt = published.AddDays(1 + email.Length % 5),
            });
    }

    /// <summary>The one demo member who has not yet acknowledged the agreement, so its gate can be seen.</summary>
    public const string NotYetAgreedEmail = "health@dappanel.example";

    // Mental health and substance misuse drift away, as the source report describes.
    static AttendanceStatus AttendanceFor(AgencyKind kind, int index) => kind switch
    {
        AgencyKind.MentalHealth => index switch
        {
            0 or 1 => AttendanceStatus.PresentRemote,
            2 => AttendanceStatus.Apologies,
            _ => AttendanceStatus.Absent,
        },
        AgencyKind.SubstanceMisuse => index switch
        {
            0 => AttendanceStatus.PresentInRoom,
            1 => AttendanceStatus.ApologiesWithInformation,
            _ => AttendanceStatus.Absent,
        },
        AgencyKind.Housing => index % 3 == 2 ? AttendanceStatus.Apologies : AttendanceStatus.PresentRemote,
        AgencyKind.Prison => index % 2 == 0 ? AttendanceStatus.PresentRemote : AttendanceStatus.DeputySent,
        _ => AttendanceStatus.PresentInRoom,
    };

    static Meeting NewMeeting(Panel panel, DateOnly date, MeetingStatus status)
    {
        var startsAt = PanelTime.At(date, new TimeOnly(10, 0));
        return new Meeting
        {
            PanelId = panel.Id, StartsAt = startsAt, PlannedMinutes = panel.DefaultMeetingMinutes,
            Location = "Family Justice Centre, meeting room 2", OnlineLink = "https://meet.example/croydon-dapp",
            Status = status,
            StartedAt = status == MeetingStatus.Closed ? startsAt : null,
            // Past meetings had their case list sent a week ahead, as agencies asked.
            CirculatedAt = status == MeetingStatus.Closed ? PanelTime.At(date.AddDays(-7), new TimeOnly(16, 30)) : null,
            ClosedAt = status == MeetingStatus.Closed ? startsAt.AddMinutes(118) : null,
        };
    }

    static DateOnly NextTuesday(DateOnly from)
    {
        var days = ((int)DayOfWeek.Tuesday - (int)from.DayOfWeek + 7) % 7;
        return from.AddDays(days);
    }

    async Task SeedLoginsAsync(Dictionary<string, Person> people)
    {
        foreach (var role in Enum.GetValues<Role>())
            if (!await roles.RoleExistsAsync(role.ToString()))
                await Succeed(roles.CreateAsync(new IdentityRole(role.ToString())));

        // Every demo sign-in has the same published password: it is hashed once, not once per sign-in (a hash costs about
        // a tenth of a second by design; sixteen of them were more than a second of a first start).
        string? passwordHash = null;
        foreach (var login in DemoLogins.All)
        {
            var user = new DapPanelUser
            {
                UserName = login.Email, Email = login.Email, EmailConfirmed = true, PersonId = people[login.Email].Id,
            };
            user.PasswordHash = passwordHash ??= users.PasswordHasher.HashPassword(user, DemoLogins.Password);
            await Succeed(users.CreateAsync(user));
            await Succeed(users.AddToRoleAsync(user, login.Role.ToString()));
        }
    }

    static async Task Succeed(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding the demo panel failed: "
                + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
