package io.jenkins.plugins.ishcd.client;

/**
 * An Ish CD project, from the read endpoints {@code GET /projects} and {@code GET /projects/{project}}.
 * These endpoints come from the official JavaScript client, not the API page; a field the server
 * leaves out is {@code ""}.
 *
 * @param id the fixed ID
 * @param name the machine name (editable)
 * @param label the label shown to people
 */
public record Project(String id, String name, String label) {}
