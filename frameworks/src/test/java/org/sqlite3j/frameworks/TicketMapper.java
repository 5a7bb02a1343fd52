package org.sqlite3j.frameworks;

import java.util.List;

import org.sqlite3j.frameworks.MyBatisTest.Ticket;

/** MyBatis's XML mapper of {@link MyBatisTest} (TicketMapper.xml, found next to this interface). */
public interface TicketMapper {
    int insert(Ticket ticket);

    Integer idOf(String title);

    List<Ticket> all();
}
