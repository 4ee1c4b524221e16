package io.kizuna.journeys;

/** A rule: accounts the definition (segment filter language) matches go to the stage; the first matching rule wins. */
public record StageRule(long id, int position, String definition, String stage) {
}
