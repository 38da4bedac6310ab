package uk.lifeline.backend.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;

/** Marks outstanding codes past their expiry as EXPIRED, a batch at a time, each with its audit entry. */
@Component
class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);
    private static final int BATCH = 500;

    private final CodeStore ledger;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    ExpirySweeper(CodeStore ledger, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.ledger = ledger;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${lifeline.codes.expiry-sweep}",
            fixedDelayString = "${lifeline.codes.expiry-sweep}")
    void scheduled() {
        sweep().onErrorResume(e -> {
                    log.warn("expiry sweep failed; it runs again later", e);
                    return Mono.just(0L);
                })
                .block();
    }

    /** Expires one batch; returns how many codes it expired. */
    Mono<Long> sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Appended supplier by supplier, so two sweepers lock audit heads in the same order.
        return tx.transactional(ledger.expire(now, BATCH)
                .collectList()
                .flatMapMany(expired -> Flux.fromIterable(expired).sort(Comparator.comparing(CodeRecord::supplierId)))
                .concatMap(code -> audit.append(
                                code.supplierId(),
                                now,
                                null,
                                "code.expired",
                                CodeRecord.auditSubject(code.id()),
                                Map.of("counter", code.counter()))
                        .thenReturn(code))
                .count());
    }
}
