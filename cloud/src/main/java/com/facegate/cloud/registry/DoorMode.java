package com.facegate.cloud.registry;

/**
 * What a door asks of a person, as the access terminals name it ("+" is AND, "_OR_" is OR). The face is checked
 * 1:N when no card names the badge, 1:1 against the card's badge when one does.
 */
public enum DoorMode {
    FACE(false, true, false),
    /** A known card alone, or a known face alone. */
    CARD_OR_FACE(false, false, false),
    CARD_AND_FACE(true, true, false),
    FACE_AND_PIN(false, true, true),
    CARD_AND_PIN(true, false, true),
    CARD_AND_FACE_AND_PIN(true, true, true);

    private final boolean card;
    private final boolean face;
    private final boolean pin;

    DoorMode(boolean card, boolean face, boolean pin) {
        this.card = card;
        this.face = face;
        this.pin = pin;
    }

    public boolean needsCard() {
        return card;
    }

    public boolean needsFace() {
        return face;
    }

    public boolean needsPin() {
        return pin;
    }

    /**
     * Whether a card presented counts: in every mode but {@link #FACE}, where the face search alone decides and a
     * card is ignored (see {@code SecondFactors}); a door told so starts no capture for a card.
     */
    public boolean takesCard() {
        return this != FACE;
    }
}
