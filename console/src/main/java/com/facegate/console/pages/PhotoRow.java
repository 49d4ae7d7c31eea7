package com.facegate.console.pages;

/** One enrollment photo of a badge: its short name, ENROLLED / REJECTED / REPLACED / PENDING, and its reasons. */
public record PhotoRow(String photo, String status, String reasons, String at) {}
