package uk.lifeline.backend.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.calendar.MeterTime;

/**
 * The daily at-risk list of one supplier: every no-WAN meter with a model is assessed ({@link Signals}) a page at
 * a time, each page's detections are recorded for the monthly figures, and only the most dangerous {@code limit}
 * entries are kept while the pages go by, so memory stays bounded however many meters there are. Thread-safe.
 */
@Service
public class AtRiskList {

    /** Meters read per query. */
    static final int PAGE = 1000;
    // PostgreSQL orders uuids by their bytes, unsigned: all zeros comes first.
    static final UUID FIRST = new UUID(0, 0);

    /** The list as computed: counts over all meters, and the most dangerous entries in order. */
    public record Result(
            Instant computedAt,
            int days,
            long meters,
            long atRisk,
            long psrAtRisk,
            Map<String, Long> bySignal,
            List<AtRiskEntry> entries) {}

    private final RiskStore store;

    AtRiskList(RiskStore store) {
        this.store = store;
    }

    public Mono<Result> compute(UUID supplier, Instant now, int days, int limit) {
        PriorityQueue<Signals.Assessment> kept = new PriorityQueue<>(Signals.DANGER.reversed());
        AtomicLong meters = new AtomicLong();
        AtomicLong atRisk = new AtomicLong();
        AtomicLong psr = new AtomicLong();
        Map<String, Long> bySignal = new LinkedHashMap<>();
        for (RiskSignal s : RiskSignal.values()) {
            bySignal.put(s.code(), 0L);
        }
        LocalDate day = LocalDate.ofInstant(now, MeterTime.ZONE);
        return pageFrom(supplier, FIRST, now)
                .expand(page -> page.size() < PAGE
                        ? Mono.empty()
                        : pageFrom(supplier, page.get(page.size() - 1).deviceId(), now))
                .concatMap(page -> {
                    meters.addAndGet(page.size());
                    List<AtRiskEntry> found = new ArrayList<>();
                    List<UUID> devices = new ArrayList<>();
                    for (MeterFacts f : page) {
                        Signals.Assessment a = Signals.assess(f, now, days);
                        if (a == null) {
                            continue;
                        }
                        atRisk.incrementAndGet();
                        if (a.entry().psr()) {
                            psr.incrementAndGet();
                        }
                        for (AtRiskEntry.Reason r : a.entry().reasons()) {
                            bySignal.merge(r.signal(), 1L, Long::sum);
                        }
                        found.add(a.entry());
                        devices.add(f.deviceId());
                        kept.add(a);
                        if (kept.size() > limit) {
                            kept.poll();
                        }
                    }
                    return store.detected(supplier, day, found, devices);
                })
                .then(Mono.fromCallable(() -> {
                    List<Signals.Assessment> ordered = new ArrayList<>(kept);
                    ordered.sort(Signals.DANGER);
                    List<AtRiskEntry> entries = new ArrayList<>();
                    for (Signals.Assessment a : ordered) {
                        entries.add(a.entry().ranked(entries.size() + 1));
                    }
                    return new Result(
                            now,
                            days,
                            meters.get(),
                            atRisk.get(),
                            psr.get(),
                            Collections.unmodifiableMap(bySignal),
                            entries);
                }));
    }

    private Mono<List<MeterFacts>> pageFrom(UUID supplier, UUID after, Instant now) {
        // The forecasts are CPU work: off the database driver's threads.
        return store.page(supplier, after, PAGE, now).publishOn(Schedulers.parallel());
    }
}
