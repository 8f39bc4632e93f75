package org.fedcmdb.changes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.graph.StartupException;
import org.fedcmdb.impact.BlastRadius;
import org.fedcmdb.impact.ImpactProperties;
import org.fedcmdb.impact.ImpactService;
import org.fedcmdb.incidents.IncidentQueries;
import org.springframework.stereotype.Service;

/**
 * The change gate: a pipeline asks before it deploys and gets a decision with its evidence. REJECTED when a blackout,
 * a colliding approved change or an open P1/P2 incident on the blast radius forbids it; an EMERGENCY goes at once
 * (flagged for review); APPROVED as STANDARD when a change model allows it; otherwise PENDING for the change advisory
 * board.
 */
@Service
class ChangeGate {

	static final Set<String> TYPES = Set.of("STANDARD", "NORMAL", "EMERGENCY");

	private final TargetResolver targets;

	private final ImpactService impact;

	private final IncidentQueries incidents;

	private final ChangeStore store;

	private final ChangeModels models;

	private final ChangeProperties properties;

	private final CiReadService reads;

	private final MeterRegistry metrics;

	ChangeGate(TargetResolver targets, ImpactService impact, IncidentQueries incidents, ChangeStore store,
			ChangeProperties properties, ClassCatalogue catalogue, CiReadService reads, MeterRegistry metrics) {
		this.targets = targets;
		this.impact = impact;
		this.incidents = incidents;
		this.store = store;
		this.properties = properties;
		this.reads = reads;
		this.metrics = metrics;
		try {
			this.models = ChangeModels.load(properties.modelLocations(), catalogue);
		}
		catch (ChangeModels.ModelException ex) {
			throw new StartupException("INVALID_CHANGE_MODEL", ex.getMessage(),
					"Fix the change model file, or remove it from fedcmdb.changes.model-locations.");
		}
	}

	/** A change as requested (REST body or GraphQL input). */
	record Input(String title, String requester, String type, List<Object> targets, Instant plannedStart,
			Instant plannedEnd, String implementationPlan, String backoutPlan, Map<String, Object> pipeline) {
	}

	ChangeRecord request(Input in, String caller) {
		long now = System.currentTimeMillis();
		validate(in, now);
		List<String> ciIds = targets.resolve(in.targets());
		ImpactService.ChangeResult assessed = impact.assessChange(ciIds, in.plannedStart(), in.plannedEnd(), null,
				Duration.ofSeconds(20));
		BlastRadius br = assessed.blastRadius();
		ChangeRecord c = new ChangeRecord();
		c.title = in.title().strip();
		c.requester = in.requester() == null || in.requester().isBlank() ? caller : in.requester().strip();
		c.requestedBy = caller;
		c.requestedType = in.type();
		c.ciIds = new ArrayList<>(br.startIds());
		Set<String> footprint = new LinkedHashSet<>(br.startIds());
		br.impacted().forEach(i -> footprint.add(i.ciId()));
		c.footprint = new ArrayList<>(footprint);
		c.impactedCount = br.impacted().size();
		c.services = services(br);
		c.risk = assessed.assessment().risk().name();
		c.plannedStart = in.plannedStart().toEpochMilli();
		c.plannedEnd = in.plannedEnd().toEpochMilli();
		c.implementationPlan = in.implementationPlan();
		c.backoutPlan = in.backoutPlan();
		c.pipeline = in.pipeline() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(in.pipeline());
		c.requestedAt = now;
		assessed.assessment().reasons().forEach(r -> c.reasons.add(ChangeRecord.reason("risk", r, Map.of())));
		return store.create(c, tx -> decide(c, assessed, store.collisions(tx, c), now));
	}

	/** The decision, given what forbids the change; runs inside the serialised transaction that records it. */
	private void decide(ChangeRecord c, ImpactService.ChangeResult assessed, List<Map<String, Object>> collisions, long now) {
		List<Map<String, Object>> blockers = new ArrayList<>();
		for (ImpactProperties.Blackout b : assessed.blackouts()) {
			blockers.add(ChangeRecord.reason("blackout", "the window overlaps the blackout '" + b.name() + "' (" + b.start()
					+ " to " + b.end() + ")", Map.of("window", b.name(), "start", b.start().toString(), "end", b.end().toString())));
		}
		for (ImpactService.RegisteredChange r : assessed.conflicts()) {
			blockers.add(ChangeRecord.reason("collision", "registered change " + r.ticketId() + " overlaps in time and blast radius",
					Map.of("ticketId", r.ticketId(), "start", r.plannedStart().toString(), "end", r.plannedEnd().toString())));
		}
		for (Map<String, Object> o : collisions) {
			blockers.add(ChangeRecord.reason("collision", "approved change " + o.get("id") + " (" + o.get("title")
					+ ") overlaps in time and shares CIs", Map.of("changeId", o.get("id"), "ciIds", o.get("shared"))));
		}
		for (IncidentQueries.IncidentRef i : incidents.openOn(c.footprint, Set.copyOf(properties.blockingPriorities()))) {
			blockers.add(ChangeRecord.reason("open-incident", "open " + i.priority() + " incident " + i.id() + " ("
					+ i.title() + ") on the blast radius", Map.of("incidentId", i.id(), "priority", i.priority(), "ciIds", i.ciIds())));
		}
		if ("EMERGENCY".equals(c.requestedType)) {
			c.type = "EMERGENCY";
			c.status = "APPROVED";
			c.awaitingReview = true;
			blockers.forEach(b -> b.put("rule", "overridden-" + b.get("rule")));
			c.reasons.addAll(blockers);
			c.reasons.add(ChangeRecord.reason("emergency", "emergency change: approved at once, to be reviewed afterwards", Map.of()));
			c.decidedAt = now;
			c.decidedBy = "gate";
		}
		else if (!blockers.isEmpty()) {
			c.type = c.requestedType;
			c.status = "REJECTED";
			c.reasons.addAll(blockers);
			c.decidedAt = now;
			c.decidedBy = "gate";
		}
		else {
			ChangeModels.Verdict v = models.evaluate(facts(c, now));
			if (v.model() != null && "STANDARD".equals(c.requestedType)) {
				c.type = "STANDARD";
				c.model = v.model();
				c.status = "APPROVED";
				c.decidedAt = now;
				c.decidedBy = "model:" + v.model();
			}
			else {
				c.type = "NORMAL";
				c.status = "PENDING";
			}
			v.reasons().forEach(r -> c.reasons.add(ChangeRecord.reason(v.model() != null ? "change-model" : "cab", r,
					v.model() == null ? Map.of() : Map.of("model", v.model()))));
			if ("NORMAL".equals(c.requestedType)) {
				c.reasons.add(ChangeRecord.reason("cab", "requested as a NORMAL change: the change advisory board decides", Map.of()));
			}
		}
		c.log(now, c.status, String.join("; ", c.reasons.stream().map(r -> (String) r.get("message")).limit(5).toList()));
		metrics.counter("fedcmdb.changes.decisions", "decision", c.status, "type", c.type).increment();
	}

	private ChangeModels.Facts facts(ChangeRecord c, long now) {
		Map<String, CiView> views = reads.byIds(c.ciIds);
		List<String> classes = c.ciIds.stream().map(views::get).filter(v -> v != null).map(CiView::className).distinct().toList();
		Integer tier = c.services.stream().map(s -> s.get("criticality")).filter(x -> x instanceof Number)
			.map(x -> ((Number) x).intValue()).min(Integer::compare).orElse(null);
		List<Map<String, Object>> labels = c.ciIds.stream().map(views::get).filter(v -> v != null).map(v -> {
			Map<String, Object> l = new LinkedHashMap<>(v.attributes());
			v.identifiers().forEach((k, vs) -> l.putIfAbsent(k, vs.isEmpty() ? null : vs.get(0)));
			return l;
		}).toList();
		return new ChangeModels.Facts(classes, labels, (String) c.pipeline.get("environment"), c.risk, tier, c.impactedCount,
				Instant.ofEpochMilli(now), Instant.ofEpochMilli(c.plannedStart), Instant.ofEpochMilli(c.plannedEnd));
	}

	private static List<Map<String, Object>> services(BlastRadius br) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (BlastRadius.Impacted s : br.services()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("ciId", s.ciId());
			m.put("name", s.name());
			m.put("criticality", s.criticality());
			out.add(m);
			if (out.size() == 50) {
				break;
			}
		}
		return out;
	}

	private void validate(Input in, long now) {
		if (in.title() == null || in.title().isBlank() || in.title().length() > 200) {
			throw new ChangeException(400, "INVALID_CHANGE", "title is required, 1-200 characters");
		}
		if (in.type() == null || !TYPES.contains(in.type())) {
			throw new ChangeException(400, "INVALID_CHANGE", "type is STANDARD, NORMAL or EMERGENCY");
		}
		if (in.targets() == null || in.targets().isEmpty()) {
			throw new ChangeException(400, "INVALID_CHANGE", "targets: at least one");
		}
		if (in.targets().size() > properties.maxTargets()) {
			throw new ChangeException(413, "TOO_MANY_TARGETS", in.targets().size() + " targets; at most "
					+ properties.maxTargets() + " (fedcmdb.changes.max-targets)");
		}
		if (in.plannedStart() == null || in.plannedEnd() == null) {
			throw new ChangeException(400, "INVALID_WINDOW", "plannedStart and plannedEnd are required");
		}
		if (!in.plannedEnd().isAfter(in.plannedStart())) {
			throw new ChangeException(400, "INVALID_WINDOW", "plannedEnd must be after plannedStart");
		}
		if (in.plannedEnd().toEpochMilli() <= now) {
			throw new ChangeException(400, "WINDOW_IN_PAST", "the planned window ended at " + in.plannedEnd());
		}
		if (Duration.between(in.plannedStart(), in.plannedEnd()).toDays() > 31) {
			throw new ChangeException(400, "INVALID_WINDOW", "a planned window is at most 31 days");
		}
		for (String text : new String[] { in.implementationPlan(), in.backoutPlan(), in.requester() }) {
			if (text != null && text.length() > 20_000) {
				throw new ChangeException(400, "INVALID_CHANGE", "plans and requester are at most 20,000 characters");
			}
		}
		if (in.pipeline() != null && org.fedcmdb.graph.Json.write(in.pipeline()).length() > 10_000) {
			throw new ChangeException(400, "INVALID_CHANGE", "pipeline is at most 10,000 characters of JSON");
		}
	}

	ChangeModels models() {
		return models;
	}

}
