import { pick, type Rng } from './rng';

// Russian name material for generated persons (gender-consistent surname/name/patronymic).

const SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Федоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семенов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьев', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьев', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королев', 'Гусев', 'Киселев',
];
const MALE_NAMES = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артем', 'Илья', 'Кирилл', 'Михаил', 'Никита', 'Иван', 'Егор', 'Роман', 'Павел'];
const FEMALE_NAMES = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Екатерина', 'Татьяна', 'Ирина', 'Светлана', 'Юлия', 'Анастасия', 'Дарья', 'Ксения', 'Полина', 'Виктория'];
const FATHERS = ['Александров', 'Дмитриев', 'Сергеев', 'Андреев', 'Алексеев', 'Михайлов', 'Иванов', 'Петров', 'Николаев', 'Владимиров', 'Викторов', 'Юрьев'];

export interface PersonName {
  surname: string;
  name: string;
  patronymic: string;
  male: boolean;
}

const feminine = (surname: string): string => `${surname}а`;

export function randomName(rng: Rng): PersonName {
  const male = rng() < 0.5;
  const surname = pick(rng, SURNAMES);
  const father = pick(rng, FATHERS);
  return {
    surname: male ? surname : feminine(surname),
    name: male ? pick(rng, MALE_NAMES) : pick(rng, FEMALE_NAMES),
    patronymic: male ? `${father}ич` : `${father}на`,
    male,
  };
}

export const fullName = (n: PersonName): string => `${n.surname} ${n.name} ${n.patronymic}`;

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};
export const translit = (s: string): string =>
  [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('');
