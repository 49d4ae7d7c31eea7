package com.facegate.cloud.registry;

/** Which badge holds a card: {@code registry/cards/{cardRef}.json}, created once per card (If-None-Match). */
public record CardHolder(String cardRef, String badgeId) {
    public CardHolder {
        if (cardRef == null || !Cards.isRef(cardRef)) {
            throw new IllegalArgumentException("not a card reference");
        }
        BadgeIds.require(badgeId);
    }
}
