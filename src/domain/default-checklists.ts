// The checklist a round walks for each kind of area (SPEC §2, "三查一不"): classrooms are
// checked by their class teacher, campus areas by the general-affairs office, the perimeter
// by the gatekeeper. These are the defaults a new school starts from; admins edit them.
// Each item says what to look at and, in one line, why it matters, in zh-CN and English.
import type { AreaKind } from "./area-kinds.ts";

export interface DefaultChecklistItem {
  /** Stable English key, "<kind>.<item>", never shown to users. */
  key: string;
  labelZh: string;
  labelEn: string;
  whyZh: string;
  whyEn: string;
}

export const DEFAULT_CHECKLISTS: Record<AreaKind, DefaultChecklistItem[]> = {
  classroom: [
    {
      key: "classroom.lights",
      labelZh: "灯具：灯管、灯罩安装牢固，无松动、闪烁或损坏",
      labelEn: "Lights: tubes and covers secure, none loose, flickering or broken",
      whyZh: "松动的灯管、灯罩可能坠落砸伤学生，照明不足也伤害视力。",
      whyEn: "A loose tube or cover can fall on a pupil, and poor light harms eyesight.",
    },
    {
      key: "classroom.wiring",
      labelZh: "电线线路：无裸露、老化、破皮，无私拉乱接",
      labelEn: "Wiring: no bare, aged or frayed wires, no makeshift extensions",
      whyZh: "裸露、老化的线路容易造成触电，也是电气火灾的主要起因。",
      whyEn: "Bare or aged wiring can electrocute a child and is a leading cause of electrical fires.",
    },
    {
      key: "classroom.sockets",
      labelZh: "插座开关：面板完好无破损、无焦痕，放学后电器断电",
      labelEn: "Sockets and switches: covers intact, no scorch marks, appliances off after school",
      whyZh: "孩子好奇，会用手指或铅笔去捅破损的插座而触电。",
      whyEn: "Curious children poke fingers or pencils into a broken socket and get a shock.",
    },
    {
      key: "classroom.windows",
      labelZh: "门窗：玻璃完好，窗扇开关灵活、限位牢固，窗台下无可攀爬的桌凳",
      labelEn: "Windows: glass intact, sashes move freely and stay fixed, nothing to climb on below",
      whyZh: "碎玻璃会割伤学生，窗扇脱落或学生攀爬窗台可能造成坠落。",
      whyEn: "Broken glass cuts, and a falling sash or a child climbing the sill can lead to a fall.",
    },
    {
      key: "classroom.doors",
      labelZh: "教室门：前后门开关顺畅、无变形，门锁正常，上课期间不反锁",
      labelEn: "Doors: front and back doors open smoothly, locks work, never locked from inside in class",
      whyZh: "发生火灾、地震时全班要在几十秒内从门口疏散。",
      whyEn: "In a fire or earthquake the whole class must get out through the doors within seconds.",
    },
    {
      key: "classroom.desks",
      labelZh: "课桌凳：无松动、断腿，无外露铁钉、木刺和锋利边角",
      labelEn: "Desks and stools: none wobbly or broken, no sticking-out nails, splinters or sharp edges",
      whyZh: "倒塌的桌凳和外露的钉子、木刺是教室里最常见的划伤、夹伤原因。",
      whyEn: "Collapsing furniture and exposed nails or splinters are the commonest classroom injuries.",
    },
    {
      key: "classroom.railings",
      labelZh: "栏杆：教室外走廊栏杆、窗台护栏牢固，高度足够，旁边无可攀爬物",
      labelEn:
        "Railings: corridor railings and window guards outside the room are firm, high enough, nothing to climb",
      whyZh: "学生倚靠、打闹时栏杆松动或被攀爬，可能从高处坠落。",
      whyEn: "A loose or climbable railing can let a leaning or playing child fall from height.",
    },
    {
      key: "classroom.fire_extinguisher",
      labelZh: "消防器材：灭火器在位，压力指针在绿区，在有效期内，取用无遮挡",
      labelEn: "Fire extinguisher: in place, gauge in the green, in date, nothing in front of it",
      whyZh: "火灾初起的几分钟能否扑灭，取决于灭火器是否好用、拿得到。",
      whyEn: "Whether a fire is put out in its first minutes depends on a working extinguisher within reach.",
    },
    {
      key: "classroom.multimedia",
      labelZh: "多媒体设备：一体机、投影仪、电视固定牢靠，线缆整理好，用后断电",
      labelEn:
        "Multimedia: smart board, projector and TV firmly mounted, cables tidy, switched off after use",
      whyZh: "设备脱落会砸伤学生，长时间通电可能过热起火。",
      whyEn: "A falling screen can injure pupils, and equipment left on can overheat and catch fire.",
    },
    {
      key: "classroom.fans",
      labelZh: "吊扇、空调：吊扇固定牢靠、扇叶无裂纹、转动无异响，空调无漏水漏电",
      labelEn:
        "Ceiling fans and air conditioner: fans firmly fixed, blades not cracked, no odd noise, AC not leaking",
      whyZh: "吊扇脱落是教室里后果最严重的事故之一。",
      whyEn: "A ceiling fan coming loose is one of the most serious accidents a classroom can have.",
    },
    {
      key: "classroom.floor_exits",
      labelZh: "地面与通道：地面无积水、油污，过道和疏散通道无杂物堵塞",
      labelEn: "Floor and aisles: no water or grease on the floor, aisles and exits clear",
      whyZh: "湿滑地面易摔伤，堵塞的通道会让疏散变成踩踏。",
      whyEn: "A wet floor causes falls, and a blocked aisle turns an evacuation into a crush.",
    },
    {
      key: "classroom.dangerous_items",
      labelZh: "危险物品：无刀具、打火机、鞭炮等，消毒液、清洁工具放在学生够不到处",
      labelEn:
        "Dangerous items: no knives, lighters or firecrackers; disinfectant and cleaning tools out of reach",
      whyZh: "小学生辨别危险的能力弱，危险物品放在教室就可能出事。",
      whyEn: "Young pupils cannot judge danger well, so a dangerous item left in class will be misused.",
    },
  ],
  campus: [
    {
      key: "campus.stairs",
      labelZh: "楼梯：踏步完好，防滑条无脱落，照明正常，楼梯间无杂物",
      labelEn: "Stairs: steps intact, anti-slip strips in place, lights working, nothing left on the stairs",
      whyZh: "上下学、课间楼梯人流集中，是踩踏事故最易发生的地方。",
      whyEn: "Stairs are crowded at breaks and dismissal, the place where crushes happen most.",
    },
    {
      key: "campus.railings",
      labelZh: "栏杆扶手：走廊、楼梯栏杆和扶手牢固，无松动、锈蚀、断裂",
      labelEn: "Railings and handrails: corridor and stair railings firm, no looseness, rust or breaks",
      whyZh: "学生倚靠或推挤时栏杆失效，会直接导致高处坠落。",
      whyEn: "A railing that gives way under a leaning or pushing child means a fall from height.",
    },
    {
      key: "campus.playground",
      labelZh: "体育器材：篮球架、单双杠、滑梯等固定牢固，无锈蚀断裂、尖锐边角，场地平整",
      labelEn:
        "Playground equipment: hoops, bars and slides firmly anchored, no rust, breaks or sharp edges, ground even",
      whyZh: "器材倾倒或断裂会造成严重伤害，坑洼场地容易崴脚摔倒。",
      whyEn: "A toppling or breaking frame causes serious injury, and uneven ground causes falls.",
    },
    {
      key: "campus.toilets",
      labelZh: "厕所：地面防滑无积水，照明、冲水正常，隔板、门锁完好，无异味",
      labelEn:
        "Toilets: floor dry and non-slip, lights and flushing working, partitions and locks intact, no foul smell",
      whyZh: "湿滑地面易摔伤，厕所又是学生独自去、老师看不到的地方。",
      whyEn: "Wet floors cause falls, and toilets are where pupils go alone, out of teachers' sight.",
    },
    {
      key: "campus.water_power",
      labelZh: "水电：配电箱上锁、无异响异味，水管、龙头无漏水，饮水设备卫生正常",
      labelEn:
        "Water and power: switchboards locked with no noise or smell, no leaking pipes or taps, drinking water clean",
      whyZh: "配电设施漏电会致人触电，饮水不洁会造成群体性肠胃疾病。",
      whyEn: "Leaking electricity can kill, and unclean drinking water can make many pupils ill at once.",
    },
    {
      key: "campus.trees",
      labelZh: "树木：无枯枝、断枝、倾斜或根部松动的树，大风雨前后重点查看",
      labelEn:
        "Trees: no dead or broken branches, no leaning or loosened trees; check before and after storms",
      whyZh: "枯枝坠落或树木倒伏会砸伤在树下活动的学生。",
      whyEn: "A falling branch or tree can strike pupils playing underneath.",
    },
    {
      key: "campus.drains",
      labelZh: "排水沟：盖板齐全、完好、不翘动，沟内无堵塞淤积",
      labelEn: "Drains: covers all present, intact and not rocking; channels not blocked or silted up",
      whyZh: "缺失或翘起的盖板会让学生跌落、崴脚，堵塞的水沟下雨就积水。",
      whyEn:
        "A missing or tilting cover makes children trip or fall in, and a blocked drain floods when it rains.",
    },
    {
      key: "campus.canteen",
      labelZh: "食堂：燃气管道阀门无泄漏、报警器正常，生熟分开，按规定留样，从业人员持健康证",
      labelEn:
        "Canteen: no gas leaks, gas alarm working, raw and cooked food apart, samples kept, staff health certificates",
      whyZh: "燃气泄漏会引发爆炸火灾，食品卫生出问题就是群体性食物中毒。",
      whyEn: "A gas leak can explode, and a hygiene lapse means food poisoning for hundreds of pupils.",
    },
    {
      key: "campus.dorm_exits",
      labelZh: "宿舍：安全出口和疏散通道畅通、夜间不上锁，应急照明、疏散指示完好，床铺护栏牢固",
      labelEn:
        "Dorm: exits and escape routes clear and unlocked at night, emergency lights and signs working, bunk rails firm",
      whyZh: "一间寝室住六十多名学生，夜间发生火灾必须在几分钟内全部撤出。",
      whyEn: "A dorm room sleeps sixty children; in a night fire all must be out within minutes.",
    },
    {
      key: "campus.fire_safety",
      labelZh: "消防设施：消火栓、灭火器完好有效，消防通道无车辆和杂物占用",
      labelEn:
        "Fire safety: hydrants and extinguishers working and in date, fire lanes free of cars and clutter",
      whyZh: "消防设施失效或通道被占，火灾时救援就会耽误。",
      whyEn: "Broken equipment or a blocked fire lane delays rescue when a fire breaks out.",
    },
    {
      key: "campus.buildings",
      labelZh: "建筑外观：墙面、屋檐、瓷砖、宣传牌无开裂、松动或脱落",
      labelEn: "Buildings: walls, eaves, tiles and signboards not cracked, loose or falling",
      whyZh: "高处坠落的瓷砖、牌匾会砸伤楼下经过的师生。",
      whyEn: "Tiles or signs falling from height can hit pupils and staff walking below.",
    },
  ],
  perimeter: [
    {
      key: "perimeter.gate",
      labelZh: "校门：门卫在岗，大门、伸缩门完好，外来人员登记，上学放学时段有人值守",
      labelEn:
        "Gate: gatekeeper on duty, gates working, visitors signed in, gate staffed at arrival and dismissal",
      whyZh: "校门是挡住外来危险的第一道关口。",
      whyEn: "The gate is the first barrier between the pupils and danger from outside.",
    },
    {
      key: "perimeter.traffic",
      labelZh: "道路交通：校门口路口减速标志、斑马线清晰，接送车辆不乱停，上下学有人护导过马路",
      labelEn:
        "Traffic: slow-down signs and zebra crossing clear at the gate, no chaotic parking, pupils helped across",
      whyZh: "交通事故是小学生校外伤亡的主要原因之一。",
      whyEn: "Road accidents are a leading cause of pupils being hurt or killed outside school.",
    },
    {
      key: "perimeter.vendors",
      labelZh: "流动摊点：校门口无流动摊贩，无“三无”食品、玩具售卖",
      labelEn: "Street vendors: no hawkers at the gate, no unlabelled food or unsafe toys on sale",
      whyZh: "“三无”食品易致食物中毒，摊点聚集还会堵塞校门口交通。",
      whyEn: "Unlabelled food causes food poisoning, and crowds of stalls block the road at the gate.",
    },
    {
      key: "perimeter.strangers",
      labelZh: "陌生人：校门口、围墙外无陌生人长时间逗留、窥视或尾随学生",
      labelEn: "Strangers: nobody unknown loitering at the gate or the fence, watching or following pupils",
      whyZh: "及早发现可疑人员，才能防止拐骗和伤害学生的事件。",
      whyEn: "Spotting a suspicious person early is how abductions and attacks on pupils are prevented.",
    },
    {
      key: "perimeter.construction",
      labelZh: "周边施工：工地围挡完好，深坑、材料堆有防护，不占用学生上学道路",
      labelEn:
        "Construction nearby: site hoardings intact, pits and material piles guarded, pupils' route not blocked",
      whyZh: "孩子喜欢到工地玩耍，深坑、机械和堆料都可能致命。",
      whyEn: "Children are drawn to building sites, where pits, machines and piles can be deadly.",
    },
    {
      key: "perimeter.standing_water",
      labelZh: "积水：低洼处、水塘、沟渠有无积水，有无护栏和警示牌，雨后重点查看",
      labelEn: "Standing water: pools, ponds and ditches near school fenced and signposted; check after rain",
      whyZh: "溺水是中小学生意外死亡的主要原因，浅浅的积水也能淹死孩子。",
      whyEn:
        "Drowning is a leading cause of accidental death of pupils, and even shallow water can drown a child.",
    },
    {
      key: "perimeter.fence",
      labelZh: "围墙：围墙完好无缺口、无开裂倾斜，墙边无可攀爬的堆物",
      labelEn: "Fence and wall: no gaps, cracks or leaning; nothing piled against it to climb on",
      whyZh: "围墙缺口让学生能溜出校外、外人能进入校园，开裂的墙可能倒塌。",
      whyEn: "A gap lets pupils slip out and outsiders in, and a cracked wall can collapse.",
    },
    {
      key: "perimeter.power_lines",
      labelZh: "电力设施：周边电线杆、变压器、广告牌无倾斜，电线无垂落",
      labelEn: "Power lines: poles, transformers and billboards near school upright, no wires hanging low",
      whyZh: "垂落的电线和倒伏的电线杆会造成触电和砸伤。",
      whyEn: "Hanging wires and falling poles cause electrocution and crush injuries.",
    },
    {
      key: "perimeter.lighting_cameras",
      labelZh: "照明与监控：校门外路灯、监控摄像头工作正常",
      labelEn: "Lighting and cameras: street lights and CCTV outside the gate working",
      whyZh: "冬季放学天黑早，照明和监控能减少事故，也便于事后查证。",
      whyEn:
        "Winter dismissal is in the dark; light and cameras prevent incidents and help find out what happened.",
    },
    {
      key: "perimeter.venues",
      labelZh: "周边场所：附近网吧、游戏厅、歌厅等是否接纳学生，有无聚众滋事",
      labelEn:
        "Nearby venues: internet cafés, arcades and karaoke bars not admitting pupils, no gangs gathering",
      whyZh: "不良场所容易让学生逃学、受到不法侵害。",
      whyEn: "Such places draw pupils into truancy and expose them to harm.",
    },
  ],
};
