package com.facegate.console.pages;

/** One enrollment photo of a badge: its short name, ENROLLED / REJECTED / PENDING, and the reasons in words. */
public record PhotoRow(String photo, String status, String reasons, String at) {}
