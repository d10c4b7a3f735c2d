using DapPanel.Core.Data;
using DapPanel.Core.Domain;

namespace DapPanel.Core.Demo;

/// <summary>
/// A panel's history at the scale of the evaluation it comes from (in two years about 170 perpetrators, 200
/// victim-survivors, 300 children and young people, 800 interventions): fortnightly meetings that accept, review and
/// close cases, agencies' research answers, intake records, review updates with needs, interventions and the Severity
/// of Abuse Grid, and the characteristics of everyone in the cases. Plainly fictional and the same on every run.
/// Generated in memory, then saved in a few batches.
/// </summary>
public sealed class EvaluationHistory
{
    static readonly string[] FirstNames =
    [
        "Aaron", "Ben", "Carl", "Danny", "Eddie", "Frank", "Glen", "Harry", "Ivan", "Jack", "Kieran", "Liam", "Marcus", "Nathan",
        "Oliver", "Pete", "Rob", "Simon", "Tom", "Vince", "Warren", "Zak", "Callum", "Jordan", "Kevin", "Luke", "Mo", "Reece",
    ];
    static readonly string[] Surnames =
    [
        "Ashgrove", "Beechley", "Blackthorn", "Boxwood", "Buckeye", "Catalpa", "Dogwood", "Elderberry", "Gingko", "Hackberry",
        "Ironwood", "Jacaranda", "Katsura", "Laburnum", "Mulberry", "Nutmeg", "Olivewood", "Pinewood", "Quince", "Redwood",
        "Rowanby", "Sassafras", "Tamarind", "Tupelo", "Walnutt", "Whitebeam", "Wingnut", "Yellowwood", "Zelkova", "Hazelden",
    ];
    static readonly string[] VictimFirstNames =
    [
        "Alice", "Bella", "Cara", "Demi", "Ella", "Faye", "Grace", "Holly", "Isla", "Jess", "Katie", "Lucy", "Maya", "Nina",
        "Olivia", "Pip", "Rosie", "Sophie", "Tara", "Vicky", "Willow", "Yasmin", "Zara", "Abi", "Leah", "Kayleigh",
    ];
    static readonly string[] VictimSurnames =
    [
        "Anemone", "Begonia", "Bluebellby", "Buttercup", "Celandine", "Cowslip", "Cyclamen", "Freesia", "Gardenia", "Geranium",
        "Hyacinth", "Honeysuckle", "Larkspur", "Lupin", "Magnolia", "Mallow", "Peony", "Petunia", "Primula", "Snapdragon",
        "Speedwell", "Sweetpea", "Teasel", "Verbena", "Wisteria", "Yarrow",
    ];

    // Who interventions are delivered with, as in the evaluation's year two (children's social services 29 %, IDVA 16 %,
    // police 14 %, prison 12 %, CRC 9 %, other 21 %).
    static readonly (AgencyKind Kind, int Weight)[] InterventionAgencies =
    [
        (AgencyKind.ChildrensSocialCare, 29), (AgencyKind.IdvaService, 16), (AgencyKind.Police, 14), (AgencyKind.Prison, 12),
        (AgencyKind.Probation, 9), (AgencyKind.Housing, 8), (AgencyKind.SubstanceMisuse, 6), (AgencyKind.MentalHealth, 4),
        (AgencyKind.AdultSocialCare, 3),
    ];

    // How likely each agency is to know the perpetrator before referral (the evaluation's footprint: CSC and police most).
    static readonly (AgencyKind Kind, double Chance)[] Footprint =
    [
        (AgencyKind.ChildrensSocialCare, 0.56), (AgencyKind.Police, 0.48), (AgencyKind.SubstanceMisuse, 0.32),
        (AgencyKind.Probation, 0.28), (AgencyKind.MentalHealth, 0.22), (AgencyKind.Housing, 0.18), (AgencyKind.IdvaService, 0.3),
        (AgencyKind.Prison, 0.12),
    ];

    readonly Random random;
    readonly Panel panel;
    readonly IReadOnlyDictionary<AgencyKind, Agency> agencies;
    readonly IReadOnlyList<Person> caseManagers;
    readonly IReadOnlyDictionary<Guid, Guid> attendeeByAgency;
    readonly Guid chairId;
    readonly Guid writerId;
    int number;

    public List<Meeting> Meetings { get; } = [];
    public List<Case> Cases { get; } = [];
    public List<ConfidentialityAcknowledgement> Acknowledgements { get; } = [];
    public List<AgencyResearch> Research { get; } = [];
    public List<CaseIntake> Intakes { get; } = [];
    public List<ReviewUpdate> Updates { get; } = [];

    /// <param name="attendeeByAgency">Who attends for each agency (agency id to person id).</param>
    /// <param name="writerId">The case-management provider's person who writes updates and intake records.</param>
    public EvaluationHistory(Panel panel, IReadOnlyDictionary<AgencyKind, Agency> agencies, IReadOnlyList<Person> caseManagers,
        IReadOnlyDictionary<Guid, Guid> attendeeByAgency, Guid chairId, Guid writerId, int seed = 2018)
    {
        (this.panel, this.agencies, this.caseManagers, this.attendeeByAgency, this.chairId, this.writerId) =
            (panel, agencies, caseManagers, attendeeByAgency, chairId, writerId);
        random = new Random(seed);
    }

    public int Rows => Meetings.Sum(m => 1 + m.AgendaItems.Count * 2 + m.Attendances.Count) + Cases.Sum(c => 1 + c.VictimSurvivors.Count)
        + Acknowledgements.Count + Research.Count + Intakes.Sum(i => 1 + i.Severities.Count)
        + Updates.Sum(u => 1 + u.Interventions.Count + u.Severities.Count);

    /// <summary>
    /// Fortnightly meetings from <paramref name="firstMeeting"/>, the last one before <paramref name="endsBefore"/>;
    /// cases still open at the end are left due for review after <paramref name="endsBefore"/>.
    /// </summary>
    public EvaluationHistory Generate(DateOnly firstMeeting, DateOnly endsBefore)
    {
        for (var date = firstMeeting; date < endsBefore; date = date.AddDays(panel.CadenceDays))
            Meetings.Add(NewMeeting(date));
        var open = new List<CaseCourse>();
        foreach (var (meeting, index) in Meetings.Select((m, i) => (m, i)))
        {
            // About 3.5 accepted a meeting, and one in ten referrals not suitable.
            var accepted = random.NextDouble() < 0.5 ? 3 : 4;
            for (var a = 0; a < accepted; a++) open.Add(Accept(meeting, index));
            if (random.Next(10) < 4) NotSuitable(meeting);
            foreach (var course in open.Where(c => c.NextReview == index).ToList())
            {
                if (course.CloseAt <= index) { Close(course, meeting); open.Remove(course); }
                else Review(course, meeting, index);
            }
        }
        foreach (var course in open)
        {
            course.Case.ReviewDueOn = endsBefore.AddDays(panel.CadenceDays * (1 + random.Next(6)));
        }
        Attend();
        return this;
    }

    /// <summary>Saves everything in batches (one SaveChanges each), each on a fresh context.</summary>
    public async Task SaveAsync(Func<Task<DapPanelDbContext>> open, CancellationToken cancellationToken = default)
    {
        async Task Batch(Action<DapPanelDbContext> add)
        {
            await using var db = await open();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            add(db);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }
        await Batch(db => db.Cases.AddRange(Cases));
        await Batch(db => db.Meetings.AddRange(Meetings));
        await Batch(db =>
        {
            db.ConfidentialityAcknowledgements.AddRange(Acknowledgements);
            db.AgencyResearch.AddRange(Research);
            db.CaseIntakes.AddRange(Intakes);
        });
        await Batch(db => db.ReviewUpdates.AddRange(Updates));
    }

    sealed class CaseCourse
    {
        public required Case Case { get; init; }
        public required bool Contact { get; init; }
        public required int CloseAt { get; init; }
        public int NextReview { get; set; }
        public int Sessions { get; set; }
        public NeedsRatings? Needs { get; set; }
        public Dictionary<(Guid Victim, AbuseType Type), AbuseSeverity> Intake { get; } = [];
    }

    CaseCourse Accept(Meeting meeting, int index)
    {
        var date = meeting.Date;
        var c = NewCase(date.AddDays(-7 - random.Next(14)));
        c.Accept(date);
        var item = Item(meeting, c, AgendaItemKind.NewReferral, DecisionOutcome.Accept,
            "Meets the threshold: high risk to the victim-survivor; a safe route to contact through an agency already involved.");
        _ = item;
        AnswerResearch(meeting, c);
        c.CaseManagerPersonId = random.Next(100) < 4 ? null : caseManagers[random.Next(caseManagers.Count)].Id;

        // Between 3 and 14 months, most closing at 6 to 9 (the evaluation's average was 244 days).
        var months = Math.Clamp(3 + (int)Math.Round(Math.Abs(Gaussian(5, 2.6))), 3, 14);
        var course = new CaseCourse
        {
            Case = c, Contact = random.NextDouble() < 0.5,
            CloseAt = index + (int)Math.Round(months * 30.4 / panel.CadenceDays),
            NextReview = index + 3 + random.Next(4),
        };
        if (random.Next(100) < 88) RecordIntake(course, date);
        c.AdverseChildhoodExperiences = course.Contact && random.Next(100) < 70 ? (random.Next(3) == 0 ? 1 + random.Next(5) : 0)
            : random.Next(100) < 15 ? random.Next(3) : null;
        return course;
    }

    void NotSuitable(Meeting meeting)
    {
        var c = NewCase(meeting.Date.AddDays(-7 - random.Next(14)));
        c.MarkNotSuitable();
        Item(meeting, c, AgendaItemKind.NewReferral, DecisionOutcome.NotSuitable,
            "Too dangerous for case managers to approach; police-led disruption through MARAC instead.");
        AnswerResearch(meeting, c);
    }

    void Review(CaseCourse course, Meeting meeting, int index)
    {
        course.NextReview = index + 5 + random.Next(4);
        var item = Item(meeting, course.Case, AgendaItemKind.Review, DecisionOutcome.Review,
            "Progress noted; bring back at a later panel with the agencies' updates.",
            reviewOn: Meetings.ElementAtOrDefault(course.NextReview)?.Date ?? meeting.Date.AddDays(panel.CadenceDays * 6));
        Update(course, item, meeting, exit: false);
    }

    void Close(CaseCourse course, Meeting meeting)
    {
        var reason = Pick([
            (ClosureReason.ServiceUserDisengaged, 44), (ClosureReason.LimitedScopeOfWork, 18), (ClosureReason.RiskToVictimsTooHigh, 16),
            (ClosureReason.InterventionsCompleted, 9), (ClosureReason.RiskReduced, 6), (ClosureReason.InCustody, 4),
            (ClosureReason.MovedOutOfArea, 3),
        ]);
        var item = Item(meeting, course.Case, AgendaItemKind.ClosureProposal, DecisionOutcome.Close,
            $"Case manager and IDVA agree closure: {reason.Label().ToLowerInvariant()}.", reason: reason);
        if (random.Next(100) < 93) Update(course, item, meeting, exit: true);
        course.Case.Close(meeting.Date, reason);
    }

    void Update(CaseCourse course, AgendaItem item, Meeting meeting, bool exit)
    {
        var status = course.Contact
            ? (exit ? CaseWorkStatus.PreClosure : random.Next(10) < 8 ? CaseWorkStatus.DirectContact : CaseWorkStatus.OnHold)
            : exit ? CaseWorkStatus.PreClosure
            : Pick([(CaseWorkStatus.BackgroundResearch, 50), (CaseWorkStatus.OnHold, 25), (CaseWorkStatus.PreClosure, 20), (CaseWorkStatus.NotSafeToContact, 5)]);
        // The first update of a contact case makes the contact; later ones may record pre-closure or a pause.
        if (course.Contact && course.Sessions == 0 && !exit) status = CaseWorkStatus.DirectContact;
        var sessions = status == CaseWorkStatus.DirectContact && random.Next(10) < 6 ? 1 + random.Next(3) : 0;
        course.Sessions += sessions;
        var update = new ReviewUpdate
        {
            AgendaItemId = item.Id, CaseId = course.Case.Id, WorkStatus = status,
            Engagement = course.Contact ? Pick([(EngagementStatus.Fully, 60), (EngagementStatus.Partially, 22), (EngagementStatus.NotEngaging, 12), (EngagementStatus.NotYetKnown, 6)])
                : EngagementStatus.NotEngaging,
            BehaviourChangeSessions = sessions, WrittenByPersonId = writerId,
            WrittenAt = PanelTime.At(meeting.Date.AddDays(-3), new TimeOnly(15, 0)),
            Needs = random.Next(10) < 8 ? NextNeeds(course) : null,
        };
        var interventions = Pick([(0, 12), (1, 28), (2, 32), (3, 18), (4, 10)]);
        for (var i = 0; i < interventions; i++)
            update.Interventions.Add(new Intervention
            {
                ReviewUpdateId = update.Id,
                Kind = Pick([(InterventionKind.Combined, 71), (InterventionKind.Support, 17), (InterventionKind.Disrupt, 12)]),
                AgencyId = agencies[Pick(InterventionAgencies)].Id,
            });
        foreach (var victim in course.Case.VictimSurvivors)
        foreach (var type in Enum.GetValues<AbuseType>())
            update.Severities.Add(new SeverityRating
            {
                ReviewUpdateId = update.Id, VictimSurvivorId = victim.Id, AbuseType = type,
                Severity = Later(course.Intake.GetValueOrDefault((victim.Id, type), AbuseSeverity.Unknown), course.Contact, exit),
            });
        Updates.Add(update);
    }

    void RecordIntake(CaseCourse course, DateOnly acceptedOn)
    {
        var intake = new CaseIntake
        {
            CaseId = course.Case.Id, AssessedOn = acceptedOn.AddDays(random.Next(15)), WrittenByPersonId = writerId,
            WrittenAt = PanelTime.At(acceptedOn.AddDays(14), new TimeOnly(16, 0)), Needs = IntakeNeeds(course.Contact),
        };
        course.Needs = intake.Needs;
        foreach (var victim in course.Case.VictimSurvivors)
        foreach (var type in Enum.GetValues<AbuseType>())
        {
            var severity = IntakeSeverity(type);
            course.Intake[(victim.Id, type)] = severity;
            intake.Severities.Add(new IntakeSeverity { CaseIntakeId = intake.Id, VictimSurvivorId = victim.Id, AbuseType = type, Severity = severity });
        }
        Intakes.Add(intake);
    }

    // Intake severities in the proportions the evaluation's cohort showed: coercive control and harassment most often high.
    AbuseSeverity IntakeSeverity(AbuseType type) => type switch
    {
        AbuseType.Physical => Pick([(AbuseSeverity.High, 45), (AbuseSeverity.Moderate, 12), (AbuseSeverity.Standard, 5), (AbuseSeverity.None, 25), (AbuseSeverity.Unknown, 13)]),
        AbuseType.Sexual => Pick([(AbuseSeverity.High, 16), (AbuseSeverity.Moderate, 4), (AbuseSeverity.Standard, 3), (AbuseSeverity.None, 45), (AbuseSeverity.Unknown, 32)]),
        AbuseType.HarassmentAndStalking => Pick([(AbuseSeverity.High, 38), (AbuseSeverity.Moderate, 16), (AbuseSeverity.Standard, 6), (AbuseSeverity.None, 25), (AbuseSeverity.Unknown, 15)]),
        _ => Pick([(AbuseSeverity.High, 50), (AbuseSeverity.Moderate, 12), (AbuseSeverity.Standard, 8), (AbuseSeverity.None, 15), (AbuseSeverity.Unknown, 15)]),
    };

    /// <summary>A later rating: abuse mostly falls, more so where the case manager is in contact, and now and then rises.</summary>
    AbuseSeverity Later(AbuseSeverity intake, bool contact, bool exit)
    {
        if (intake == AbuseSeverity.Unknown) return random.Next(3) == 0 ? AbuseSeverity.None : AbuseSeverity.Unknown;
        if (intake == AbuseSeverity.None) return random.Next(20) == 0 ? AbuseSeverity.Standard : AbuseSeverity.None;
        var (stopped, eased, rose) = (contact, exit) switch
        {
            (true, true) => (65, 20, 3),
            (false, true) => (45, 25, 5),
            (true, false) => (30, 30, 4),
            _ => (15, 25, 6),
        };
        var roll = random.Next(100);
        if (roll < stopped) return AbuseSeverity.None;
        if (roll < stopped + eased) return (AbuseSeverity)Math.Min((int)intake + 1, (int)AbuseSeverity.Standard);
        if (roll < stopped + eased + rose && intake != AbuseSeverity.High) return (AbuseSeverity)((int)intake - 1);
        return intake;
    }

    NeedsRatings IntakeNeeds(bool contact)
    {
        var needs = new NeedsRatings();
        NeedLevel Rate(int high, int medium, int low, int none) =>
            Pick([(NeedLevel.High, high), (NeedLevel.Medium, medium), (NeedLevel.Low, low), (NeedLevel.None, none),
                (NeedLevel.NotKnown, Math.Max(2, 100 - high - medium - low - none + (contact ? -8 : 8)))]);
        needs.ChildrenFamiliesAndParenting = Rate(52, 15, 3, 18);
        needs.SubstanceMisuseDrugs = Rate(18, 26, 4, 30);
        needs.SubstanceMisuseAlcohol = Rate(14, 18, 8, 38);
        needs.MentalHealthAndWellbeing = Rate(19, 19, 8, 30);
        needs.Housing = Rate(12, 16, 14, 38);
        needs.PhysicalHealth = Rate(5, 10, 12, 50);
        needs.EducationEmploymentAndTraining = Rate(10, 20, 15, 30);
        needs.BenefitsDebtAndFinances = Rate(8, 18, 14, 35);
        needs.SocialisationAndCommunity = Rate(6, 14, 16, 35);
        needs.BehaviourAndAttitudes = Rate(40, 25, 8, 5);
        return needs;
    }

    /// <summary>Needs at a review: what was not known may become known; a need may ease.</summary>
    NeedsRatings NextNeeds(CaseCourse course)
    {
        var needs = course.Needs?.Copy() ?? IntakeNeeds(course.Contact);
        foreach (var area in Enum.GetValues<NeedArea>())
        {
            if (needs[area] == NeedLevel.NotKnown && course.Contact && random.Next(3) == 0)
                needs[area] = Pick([(NeedLevel.High, 30), (NeedLevel.Medium, 30), (NeedLevel.Low, 20), (NeedLevel.None, 20)]);
            else if (needs[area] is NeedLevel.High or NeedLevel.Medium && random.Next(8) == 0)
                needs[area] = (NeedLevel)((int)needs[area] - 1);
        }
        course.Needs = needs;
        return needs;
    }

    void AnswerResearch(Meeting meeting, Case c)
    {
        if (random.Next(100) < 7) return; // nobody answered before the meeting
        var answeredAt = PanelTime.At(meeting.Date.AddDays(-4), new TimeOnly(12, 0));
        foreach (var (kind, chance) in Footprint)
        {
            var agency = agencies[kind];
            if (!attendeeByAgency.TryGetValue(agency.Id, out var person) || random.Next(100) < 10) continue;
            Research.Add(new AgencyResearch
            {
                MeetingId = meeting.Id, CaseId = c.Id, AgencyId = agency.Id, AnsweredByPersonId = person, AnsweredAt = answeredAt,
                Answer = random.NextDouble() < chance ? ResearchAnswer.KnownToUs : ResearchAnswer.NotKnown,
            });
        }
    }

    Case NewCase(DateOnly referredOn)
    {
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {Surnames[random.Next(Surnames.Length)]}";
        var c = new Case
        {
            PanelId = panel.Id,
            Reference = $"DAPP-{referredOn:yy}-{100 + ++number:000}",
            Perpetrator = new Perpetrator
            {
                FullName = name,
                DateOfBirth = referredOn.AddYears(-(19 + (int)Math.Abs(Gaussian(14, 9)))).AddDays(-random.Next(365)),
                Sex = Pick([(Sex.Male, 95), (Sex.Female, 4), (Sex.NotKnown, 1)]),
                Ethnicity = PerpetratorEthnicity(),
            },
            ReferralSource = random.Next(3) == 0 ? ReferralSource.Marac : ReferralSource.Police,
            ReferredOn = referredOn,
            RiskLevel = random.Next(6) == 0 ? RiskLevel.Medium : RiskLevel.High,
            ChildrenCount = Pick([(0, 20), (1, 25), (2, 27), (3, 18), (4, 10)]),
            Summary = "Repeated incidents of coercive and controlling behaviour; police call-outs in the last three months.",
            OffendingHistory = "Previous domestic abuse offences; a non-molestation order in force.",
        };
        var victims = Pick([(1, 86), (2, 12), (3, 2)]);
        c.IsSerialPerpetrator = victims > 1 || random.Next(8) == 0;
        for (var v = 0; v < victims; v++)
            c.VictimSurvivors.Add(new VictimSurvivor
            {
                FullName = $"{VictimFirstNames[random.Next(VictimFirstNames.Length)]} {VictimSurnames[random.Next(VictimSurnames.Length)]}",
                Address = $"Flat {1 + random.Next(60)}, {10 + random.Next(180)} Sample Street, Croydon CR{random.Next(9)} {random.Next(9)}YY",
                Contact = $"07700 900{random.Next(1000):000}",
                DateOfBirth = random.Next(10) == 0 ? null : referredOn.AddYears(-(18 + (int)Math.Abs(Gaussian(13, 9)))).AddDays(-random.Next(365)),
                Sex = Pick([(Sex.Female, 92), (Sex.Male, 6), (Sex.NotKnown, 2)]),
                Ethnicity = VictimEthnicity(),
            });
        Cases.Add(c);
        return c;
    }

    // More than half the cohort from Black, Asian, Mixed or Other groups against 41 % of the borough (the evaluation's finding).
    Ethnicity PerpetratorEthnicity() => Pick([
        (Ethnicity.WhiteBritish, 33), (Ethnicity.WhiteOther, 6), (Ethnicity.WhiteIrish, 1), (Ethnicity.BlackCaribbean, 14),
        (Ethnicity.BlackAfrican, 12), (Ethnicity.BlackOther, 4), (Ethnicity.AsianIndian, 4), (Ethnicity.AsianPakistani, 4),
        (Ethnicity.AsianOther, 3), (Ethnicity.MixedWhiteAndBlackCaribbean, 5), (Ethnicity.MixedOther, 2), (Ethnicity.OtherAny, 2),
        (Ethnicity.OtherArab, 1), (Ethnicity.NotKnown, 6), (Ethnicity.PreferNotToSay, 2),
    ]);

    Ethnicity VictimEthnicity() => Pick([
        (Ethnicity.WhiteBritish, 45), (Ethnicity.WhiteOther, 8), (Ethnicity.WhiteIrish, 1), (Ethnicity.BlackCaribbean, 9),
        (Ethnicity.BlackAfrican, 9), (Ethnicity.AsianIndian, 4), (Ethnicity.AsianOther, 4), (Ethnicity.AsianBangladeshi, 1),
        (Ethnicity.MixedWhiteAndBlackCaribbean, 4), (Ethnicity.MixedWhiteAndAsian, 2), (Ethnicity.OtherAny, 2),
        (Ethnicity.NotKnown, 9), (Ethnicity.PreferNotToSay, 2),
    ]);

    AgendaItem Item(Meeting meeting, Case c, AgendaItemKind kind, DecisionOutcome outcome, string rationale,
        DateOnly? reviewOn = null, ClosureReason? reason = null)
    {
        var item = new AgendaItem
        {
            MeetingId = meeting.Id, CaseId = c.Id, Kind = kind, Order = meeting.AgendaItems.Count + 1,
            PlannedMinutes = kind == AgendaItemKind.NewReferral ? 8 : 6,
            HeardAt = meeting.StartsAt.AddMinutes(7 * (meeting.AgendaItems.Count + 1)),
        };
        item.Decision = new Decision
        {
            AgendaItemId = item.Id, Outcome = outcome, Rationale = rationale, ReviewOn = reviewOn, ClosureReason = reason,
            CaseStatusBefore = c.Status, CaseAcceptedOnBefore = c.AcceptedOn, RecordedAt = item.HeardAt.Value, RecordedByPersonId = chairId,
            RecordedByName = "Chair",
        };
        meeting.AgendaItems.Add(item);
        return item;
    }

    Meeting NewMeeting(DateOnly date)
    {
        var startsAt = PanelTime.At(date, new TimeOnly(10, 0));
        return new Meeting
        {
            PanelId = panel.Id, StartsAt = startsAt, PlannedMinutes = panel.DefaultMeetingMinutes,
            Location = "Family Justice Centre, meeting room 2", OnlineLink = "https://meet.example/croydon-dapp",
            Status = MeetingStatus.Closed, CirculatedAt = startsAt.AddDays(-7), StartedAt = startsAt, ClosedAt = startsAt.AddMinutes(115),
        };
    }

    /// <summary>Before the drift the demo's recent meetings show, agencies came: mostly in the room, now and then with apologies.</summary>
    void Attend()
    {
        var core = panel.Members.Where(m => m.IsCore).Select(m => m.AgencyId).ToList();
        foreach (var meeting in Meetings)
        foreach (var agencyId in core)
        {
            var status = Pick([(AttendanceStatus.PresentInRoom, 70), (AttendanceStatus.PresentRemote, 18), (AttendanceStatus.DeputySent, 4),
                (AttendanceStatus.Apologies, 6), (AttendanceStatus.ApologiesWithInformation, 2)]);
            var person = status.IsPresent() && attendeeByAgency.TryGetValue(agencyId, out var id) ? id : (Guid?)null;
            meeting.Attendances.Add(new Domain.Attendance
            {
                MeetingId = meeting.Id, AgencyId = agencyId, PersonId = person, Status = status, IsConfirmed = true,
                JoinedAt = status == AttendanceStatus.PresentRemote ? meeting.StartsAt.AddMinutes(random.Next(6)) : null,
                LeftAt = status == AttendanceStatus.PresentRemote ? meeting.StartsAt.AddMinutes(112) : null,
            });
            if (person is { } p)
                Acknowledgements.Add(new ConfidentialityAcknowledgement
                {
                    MeetingId = meeting.Id, PersonId = p, AcknowledgedAt = meeting.StartsAt.AddMinutes(-3), Statement = panel.ConfidentialityStatement,
                });
        }
    }

    T Pick<T>(IReadOnlyList<(T Value, int Weight)> choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }

    AgencyKind Pick((AgencyKind Kind, int Weight)[] choices) => Pick<AgencyKind>(choices);

    double Gaussian(double mean, double deviation)
    {
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return mean + deviation * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
