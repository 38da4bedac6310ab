package uk.lifeline.backend.risk;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import uk.lifeline.backend.psr.PsrNeed;
import uk.lifeline.forecast.Fuel;
import uk.lifeline.forecast.Observation;
import uk.lifeline.prepay.MeterState;

/**
 * What the backend knows of one no-WAN meter for the at-risk list: its customer, PSR needs (empty: not on the
 * register), modelled state, top-ups and balances read off the display in the look-back, problem codes and the
 * latest "no supply" report. Immutable.
 */
record MeterFacts(
        UUID deviceId,
        String meterId,
        Fuel fuel,
        UUID customerId,
        String customerName,
        List<PsrNeed> psr,
        MeterState state,
        String modelSource,
        List<Observation> topUps,
        List<Observation.BalanceSeen> readings,
        int problemCodes,
        Instant noSupplyAt) {}
