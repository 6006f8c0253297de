/**
 * A small corpus of distinct events, several reports each, written from templates: each event has its own
 * people, place and subject, so that any correct clustering finds the same stories whatever the order the
 * reports arrive in (what the queue tests need: workers change the order, not the answer).
 */
interface EventFacts {
  person: string
  role: string
  place: string
  subject: string
  object: string
  number: string
  day: string
}

const EVENTS: EventFacts[] = [
  {
    person: 'Marta Okonkwo',
    role: 'mayor',
    place: 'Lisbon',
    subject: 'tram network',
    object: 'new tram line',
    number: '42',
    day: 'Monday',
  },
  {
    person: 'Henrik Dahlberg',
    role: 'fisheries minister',
    place: 'Bergen',
    subject: 'cod quota',
    object: 'fishing fleet',
    number: '17',
    day: 'Tuesday',
  },
  {
    person: 'Amara Villanueva',
    role: 'fire chief',
    place: 'Valparaiso',
    subject: 'hillside wildfire',
    object: 'evacuation shelters',
    number: '300',
    day: 'Wednesday',
  },
  {
    person: 'Kenji Watanabe',
    role: 'rail operator chief',
    place: 'Sapporo',
    subject: 'snowstorm',
    object: 'bullet train service',
    number: '58',
    day: 'Thursday',
  },
  {
    person: 'Priya Raghunathan',
    role: 'health secretary',
    place: 'Chennai',
    subject: 'dengue outbreak',
    object: 'mosquito spraying campaign',
    number: '1,200',
    day: 'Friday',
  },
  {
    person: 'Tomasz Zielinski',
    role: 'museum director',
    place: 'Krakow',
    subject: 'stolen painting',
    object: 'recovered canvas',
    number: '3',
    day: 'Saturday',
  },
]

const TEMPLATES = [
  (e: EventFacts): string =>
    `${e.person}, the ${e.role} of ${e.place}, said on ${e.day} that the ${e.subject} had affected ${e.number} people. "We are doing everything we can," ${e.person} told reporters in ${e.place}. Officials said the ${e.object} would be ready soon, and residents of ${e.place} were asked to follow instructions about the ${e.subject}.`,
  (e: EventFacts): string =>
    `Residents of ${e.place} faced the ${e.subject} on ${e.day}, with ${e.number} people affected, according to ${e.role} ${e.person}. The ${e.object} was announced after a meeting in ${e.place}. ${e.person} said the city would publish updates about the ${e.subject} every day.`,
  (e: EventFacts): string =>
    `In ${e.place}, the ${e.subject} dominated ${e.day} as ${e.person} announced the ${e.object}. The ${e.role} put the number of people affected at ${e.number}. Critics in ${e.place} said ${e.person} had been slow to react to the ${e.subject}.`,
  (e: EventFacts): string =>
    `${e.place} ${e.role} ${e.person} on ${e.day} defended the response to the ${e.subject}. About ${e.number} people were affected, and the ${e.object} is expected within days, ${e.person} said at a press conference in ${e.place}.`,
]

/** JSONL lines, one report each: `events × reports` lines, interleaved across events as a crawl would be. */
export function eventsCorpus(reports = TEMPLATES.length): string[] {
  const lines: string[] = []
  for (let report = 0; report < reports; report++)
    for (const [index, event] of EVENTS.entries()) {
      const template = TEMPLATES[report % TEMPLATES.length] as (e: EventFacts) => string
      lines.push(
        JSON.stringify({
          id: `event${index}-report${report}`,
          title: `${event.place}: ${event.subject} (${report + 1})`,
          published: `2024-03-0${index + 1}`,
          text: template(event),
        }),
      )
    }
  return lines
}

export const EVENT_COUNT = EVENTS.length
