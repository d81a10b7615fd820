/**
 * Who is calling. People log in through the login page (a session) or send HTTP Basic credentials
 * with each API call; both are checked against the users in the database. Agents are not users:
 * their endpoints check host tokens themselves.
 */
package io.vigia.web.security;
