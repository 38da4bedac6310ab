package uk.lifeline.backend.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign and its progress, as {@code GET /api/v1/campaigns/{id}} shows it. Immutable.
 *
 * @param total meters in the campaign
 * @param coded meters given a code (no WAN)
 * @param toDcc WAN meters handed to the DCC adapter
 * @param pushed codes FCM took for at least one of the customer's phones
 * @param delivered codes that reached the customer's app (DELIVERED, or any later status)
 * @param entered codes the customer entered (ENTERED, ACCEPTED or REJECTED)
 * @param failed meters that could not be coded (e.g. a full counter window)
 * @param noPhone coded meters whose customer had no phone registered: the call-centre list
 * @param ratePerSecond meters done per second from the start to the last one done (or now)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(
        UUID id,
        String kind,
        String status,
        UUID noticeId,
        String command,
        Map<String, String> parameters,
        String reason,
        Instant createdAt,
        Instant finishedAt,
        long total,
        long pending,
        long coded,
        long toDcc,
        long pushed,
        long delivered,
        long entered,
        long failed,
        long cancelled,
        long noPhone,
        double ratePerSecond) {}
