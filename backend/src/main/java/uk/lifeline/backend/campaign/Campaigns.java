package uk.lifeline.backend.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.notice.Area;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.Parameters;

/**
 * Starts and cancels campaigns. Starting one is one transaction: the notice (if any), the campaign, one target
 * per affected meter (chosen inside the database, never loaded into memory) and an audit entry; the workers take
 * it from there. Everything is scoped to the caller's supplier. Thread-safe.
 */
@Service
class Campaigns {

    private static final String[] ALL_METERS = {"ESME", "GSME"};
    private static final Set<String> PRICE_COMMANDS = Set.of("change-price", "change-time-of-use-price");

    private final CampaignStore store;
    private final CampaignProgress progress;
    private final CampaignRunner runner;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    Campaigns(
            CampaignStore store,
            CampaignProgress progress,
            CampaignRunner runner,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock) {
        this.store = store;
        this.progress = progress;
        this.runner = runner;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<CampaignView> startNotice(Caller caller, Requests.Notice request) {
        return Mono.defer(() -> {
            Instant now = now();
            Area area = Area.of(request.area().all(), request.area().districts());
            NoticeWindow window = NoticeWindow.of(request.startsAt(), request.endsAt(), now);
            UUID notice = UUID.randomUUID();
            UUID campaign = UUID.randomUUID();
            Map<String, String> parameters = window.period().parameters();
            Mono<Long> work = store.insertNotice(notice, caller.supplierId(), request, area, caller.userId(), now)
                    .then(store.insertCampaign(
                            campaign,
                            caller.supplierId(),
                            "NOTICE",
                            notice,
                            window.period().type().commandName(),
                            parameters,
                            area,
                            request.reason().trim(),
                            null,
                            null,
                            ALL_METERS,
                            caller.userId(),
                            now))
                    .flatMap(total -> store.appDeadline(campaign, request.appDeadlineMinutes())
                            .thenReturn(total))
                    .flatMap(total -> audit.append(
                                    caller.supplierId(),
                                    now,
                                    caller.userId(),
                                    "notice.created",
                                    "campaign:" + campaign,
                                    details(
                                            area,
                                            total,
                                            Map.of(
                                                    "notice",
                                                    notice.toString(),
                                                    "title",
                                                    request.title().trim(),
                                                    "startsAt",
                                                    request.startsAt().toString(),
                                                    "endsAt",
                                                    request.endsAt().toString(),
                                                    "period",
                                                    parameters)))
                            .thenReturn(total));
            return started(caller, campaign, work);
        });
    }

    Mono<CampaignView> startPriceChange(Caller caller, Requests.PriceChange request) {
        return Mono.defer(() -> {
            Instant now = now();
            MeterCommand command = priceCommand(request);
            Area area = Area.of(request.area().all(), request.area().districts());
            UUID campaign = UUID.randomUUID();
            String[] meters = {"ELECTRICITY".equals(request.fuel()) ? "ESME" : "GSME"};
            Mono<Long> work = store.insertCampaign(
                            campaign,
                            caller.supplierId(),
                            "PRICE_CHANGE",
                            null,
                            command.type().commandName(),
                            command.parameters(),
                            area,
                            request.reason().trim(),
                            blankToNull(request.title()),
                            blankToNull(request.message()),
                            meters,
                            caller.userId(),
                            now)
                    .flatMap(total -> store.appDeadline(campaign, request.appDeadlineMinutes())
                            .thenReturn(total))
                    .flatMap(total -> audit.append(
                                    caller.supplierId(),
                                    now,
                                    caller.userId(),
                                    "price-change.created",
                                    "campaign:" + campaign,
                                    details(
                                            area,
                                            total,
                                            Map.of(
                                                    "command",
                                                    command.type().commandName(),
                                                    "parameters",
                                                    command.parameters(),
                                                    "fuel",
                                                    request.fuel())))
                            .thenReturn(total));
            return started(caller, campaign, work);
        });
    }

    Mono<CampaignView> cancel(Caller caller, UUID id, String reason) {
        Instant now = now();
        return store.find(caller.supplierId(), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("campaign", id)))
                .flatMap(c -> tx.transactional(store.cancel(caller.supplierId(), id, caller.userId(), reason, now)
                        .flatMap(done -> done
                                ? audit.append(
                                                caller.supplierId(),
                                                now,
                                                caller.userId(),
                                                "campaign.cancelled",
                                                "campaign:" + id,
                                                Map.of("reason", reason))
                                        .thenReturn(true)
                                : Mono.just(false))))
                .flatMap(done -> done
                        ? progress.of(caller.supplierId(), id)
                        : Mono.error(new ApiException(
                                ProblemType.CAMPAIGN_NOT_RUNNING,
                                "campaign " + id + " is not running, so it cannot be cancelled")));
    }

    private Mono<CampaignView> started(Caller caller, UUID campaign, Mono<Long> work) {
        return tx.transactional(work)
                .doOnSuccess(total -> runner.wake())
                .then(progress.of(caller.supplierId(), campaign));
    }

    private static MeterCommand priceCommand(Requests.PriceChange request) {
        String name = request.command();
        if (!PRICE_COMMANDS.contains(name)) {
            throw new ApiException(
                    ProblemType.UNKNOWN_COMMAND,
                    "a price change is change-price or" + " change-time-of-use-price, not '"
                            + (name.length() > 40 ? name.substring(0, 40) : name) + "'");
        }
        if (request.parameters().get("from") == null) {
            throw ApiException.field(
                    ProblemType.INVALID_PARAMETERS,
                    "parameters.from",
                    "the date the new prices take effect is required",
                    "a date, e.g. 2027-04-01");
        }
        try {
            return MeterCommand.parse(name, Parameters.of(request.parameters()));
        } catch (ParameterOutOfRangeException e) {
            throw ApiException.field(
                    ProblemType.PARAMETER_OUT_OF_RANGE, "parameters." + e.parameter(), e.getMessage(), e.allowed());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_PARAMETERS, e.getMessage());
        }
    }

    private static Map<String, Object> details(Area area, long total, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>(more);
        details.put("area", area.all() ? "all" : area.districts());
        details.put("meters", total);
        return details;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
